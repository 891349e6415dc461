import type { INestApplication } from '@nestjs/common';
import { PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { DeclaredRoute, ROLES, RouteAccessCheck } from '@app/auth';
import { configuredWards } from '@app/contracts';
import { ApiErrorSchema, ErrorStatus } from './api-error.schema';
import { LocalizedTextSchema } from './schemas/common.schemas';
import { describeValidatedModel } from './validated-models';

const BEARER = 'bearer';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
// Routes that read neither PostgreSQL nor Redis: no 503 from them.
const NO_BACKING_SERVICE = new Set(['GET /api/reference', 'GET /health', 'GET /health/ready']);

const TAGS: [string, string][] = [
  ['auth', 'Log in: a bearer token for every other route'],
  ['users', 'Accounts (admin)'],
  ['tips', 'Intake, the tip view, its trace and the talk with its tipster'],
  ['decisions', 'Triage recommends, people decide: review, restore, unmerge, lead priority'],
  ['leads', 'The queue investigators claim from'],
  ['cases', 'Cases, arrests, resolution and legal holds'],
  ['reports', 'The funnel, the annual report and exports (supervisor)'],
  ['audit', 'The hash-chained audit log (supervisor)'],
  ['reference', 'The fixed lists intake accepts'],
  ['public', "The citizens' channel: no account, a follow-up code"],
  ['operations', 'Health, metrics and queue health'],
];

/**
 * The OpenAPI document of `GET /docs-json`. Request bodies and queries come from the validation
 * rules themselves (validated-models.ts); responses from the classes under ./schemas named in each
 * route's decorators. What follows from the API's global machinery rather than from one route is
 * added here for every route alike: the bearer requirement and its 401/403 from the route table
 * the guard enforces, 400 where a body or query is validated, 404 where the path names an id,
 * 413/415 where a JSON body is read, 503 where a backing service is needed.
 */
export function createApiDocument(app: INestApplication): OpenAPIObject {
  describeRouteModels(app);
  const builder = new DocumentBuilder()
    .setTitle('TipTrace API')
    .setDescription(
      'Tip intake, triage, case linkage and outcome tracking. JSON in and out; ids are UUIDs, ' +
        'times ISO-8601 UTC. Every error has one shape (`ApiError`).',
    )
    .setVersion('1')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER);
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const doc = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ApiErrorSchema, LocalizedTextSchema],
  });
  completeOperations(doc, app.get(RouteAccessCheck, { strict: false }).routeTable());
  unwrapLoneAllOf(doc);
  return doc;
}

/** Describes every class a route takes as its whole body or query, from its validation rules. */
function describeRouteModels(app: INestApplication): void {
  const discovery = app.get(DiscoveryService, { strict: false });
  const scanner = app.get(MetadataScanner, { strict: false });
  const ctx = { wards: configuredWards() };
  for (const wrapper of discovery.getControllers()) {
    const metatype = wrapper.metatype;
    const instance = wrapper.instance as object | null | undefined;
    if (!metatype || !instance) continue;
    const proto = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = (proto as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || !Reflect.hasMetadata(PATH_METADATA, handler)) continue;
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {}) as Record<
        string,
        { index: number; data?: unknown }
      >;
      const types = (Reflect.getMetadata('design:paramtypes', proto, name) ?? []) as unknown[];
      for (const [key, arg] of Object.entries(args)) {
        const kind = key.split(':')[0];
        if (kind !== String(RouteParamtypes.BODY) && kind !== String(RouteParamtypes.QUERY))
          continue;
        const type = types[arg.index];
        if (arg.data === undefined && typeof type === 'function' && type !== Object) {
          describeValidatedModel(type as new () => unknown, ctx);
        }
      }
    }
  }
}

const ERRORS: Record<ErrorStatus, string> = {
  400: 'The body, query or a header is not valid: a message per field in `errors`',
  401: 'No bearer token, or one that is invalid or expired',
  403: 'The caller’s role may not use this route',
  404: 'No such id',
  409: 'The request conflicts with the current state',
  413: 'The body is over 64 KB',
  415: 'The body is not application/json',
  429: 'Too many requests from this client',
  503: 'PostgreSQL or Redis is not answering; retry (with the same Idempotency-Key)',
};

const STATUS_TEXT: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted for processing',
  '204': 'No content',
};

function errorResponse(status: ErrorStatus): ResponseObject {
  return {
    description: ERRORS[status],
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
  };
}

function completeOperations(doc: OpenAPIObject, table: DeclaredRoute[]): void {
  const access = new Map(table.map((r) => [`${r.method} ${r.path}`, r.access]));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op: OperationObject | undefined = item[method];
      if (!op) continue;
      const route = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
      const declared = access.get(route);
      if (!declared) throw new Error(`no access declared for ${route}`);
      const params = dedupeHeaders((op.parameters ?? []) as ParameterObject[]);
      op.parameters = params;
      const add = (status: ErrorStatus) => {
        op.responses[status] ??= errorResponse(status);
      };
      for (const [status, response] of Object.entries(op.responses)) {
        const r = response as ResponseObject;
        if (!r.description) r.description = STATUS_TEXT[status] ?? status;
      }
      if (declared === 'public') {
        op.security = []; // explicitly none
      } else {
        op.security = [{ [BEARER]: [] }];
        add(401);
        if (declared.length < ROLES.length) add(403);
        const roles = `Roles: ${declared.join(', ')}.`;
        op.description = op.description ? `${roles} ${op.description}` : roles;
      }
      const pathParams = params.filter((p) => p.in === 'path');
      for (const p of pathParams) {
        if (p.name === 'id') p.schema = { type: 'string', format: 'uuid' };
      }
      optionalBodyWhenNothingRequired(doc, op);
      if (op.requestBody || params.some((p) => p.in === 'query')) add(400);
      if (pathParams.length) add(404);
      if (op.requestBody) {
        add(413);
        add(415);
      }
      if (!NO_BACKING_SERVICE.has(route) && path.startsWith('/api/')) add(503);
    }
  }
}

/** The pipe validates a missing body as `{}`: with no required field, the body may be left out. */
function optionalBodyWhenNothingRequired(doc: OpenAPIObject, op: OperationObject): void {
  const body = op.requestBody as RequestBodyObject | undefined;
  const ref = (body?.content['application/json']?.schema as ReferenceObject | undefined)?.$ref;
  const schema = ref ? doc.components?.schemas?.[ref.split('/').pop()!] : undefined;
  if (body && schema && !(schema as SchemaObject).required?.length) body.required = false;
}

/**
 * A header read with `@Headers('x')` is also declared with `@ApiHeader({ name: 'X' })`; HTTP
 * names are case-insensitive, so the declared one (the later) is the one that stays.
 */
function dedupeHeaders(params: ParameterObject[]): ParameterObject[] {
  const last = new Map<string, ParameterObject>();
  for (const p of params) if (p.in === 'header') last.set(p.name.toLowerCase(), p);
  return params.filter((p) => p.in !== 'header' || last.get(p.name.toLowerCase()) === p);
}

/**
 * Swagger wraps a named enum in `allOf: [{ $ref }]` even with nothing beside it; the reference
 * alone says the same (and lint asks for it).
 */
function unwrapLoneAllOf(node: unknown): unknown {
  if (Array.isArray(node)) {
    node.forEach((v, i) => (node[i] = unwrapLoneAllOf(v)));
    return node;
  }
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (
    keys.length === 1 &&
    keys[0] === 'allOf' &&
    Array.isArray(obj.allOf) &&
    obj.allOf.length === 1
  ) {
    return unwrapLoneAllOf(obj.allOf[0]);
  }
  for (const k of keys) obj[k] = unwrapLoneAllOf(obj[k]);
  return obj;
}
