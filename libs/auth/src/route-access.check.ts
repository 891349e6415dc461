import { writeFileSync } from 'node:fs';
import { Injectable, OnModuleInit, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { accessPolicy, readMetadata } from './access-policy';
import type { Role } from './roles.decorator';

export interface RouteAccess {
  route: string;
  problem: string;
}

/** One row of the declared route table: who may call `method path` (`:param` route parameters). */
export interface DeclaredRoute {
  method: string;
  path: string;
  access: 'public' | readonly Role[];
}

export class UndeclaredRoutesError extends Error {
  constructor(readonly routes: RouteAccess[]) {
    super(
      `routes without @Roles() or @Public(): ${routes.map((r) => `${r.route} (${r.problem})`).join('; ')}`,
    );
    this.name = 'UndeclaredRoutesError';
  }
}

function paths(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : [''];
}

function join(...parts: string[]): string {
  return `/${parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
}

/**
 * Walks every controller's route handlers at startup and refuses to start when one declares
 * neither @Roles() nor @Public() (or declares them wrongly), naming each such route.
 */
@Injectable()
export class RouteAccessCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    const problems = this.findProblems();
    if (problems.length) throw new UndeclaredRoutesError(problems);
    // For the role × route matrix test: the table the guard enforces, written where it asks.
    const out = process.env.ROUTE_TABLE_FILE;
    if (out) writeFileSync(out, JSON.stringify(this.routeTable(), null, 2));
  }

  /** Every route with the access it declares, as the guard reads it. */
  routeTable(): DeclaredRoute[] {
    const out: DeclaredRoute[] = [];
    this.walk((verb, route, policy) => {
      if (policy.kind === 'public') out.push({ method: verb, path: route, access: 'public' });
      if (policy.kind === 'roles') out.push({ method: verb, path: route, access: policy.roles });
    });
    return out.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
  }

  private walk(
    visit: (verb: string, route: string, policy: ReturnType<typeof accessPolicy>) => void,
  ): void {
    for (const wrapper of this.discovery.getControllers()) {
      const metatype = wrapper.metatype;
      const instance = wrapper.instance as object | null | undefined;
      if (!metatype || !instance) continue;
      const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        if (typeof handler !== 'function') continue;
        const path = readMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = readMetadata(METHOD_METADATA, handler);
        const verb = typeof method === 'number' ? RequestMethod[method] : 'GET';
        const policy = accessPolicy(handler, metatype);
        for (const base of paths(readMetadata(PATH_METADATA, metatype))) {
          for (const sub of paths(path)) visit(verb, join(base, sub), policy);
        }
      }
    }
  }

  findProblems(): RouteAccess[] {
    const out: RouteAccess[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const metatype = wrapper.metatype;
      const instance = wrapper.instance as object | null | undefined;
      if (!metatype || !instance) continue;
      const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        if (typeof handler !== 'function') continue;
        const path = readMetadata(PATH_METADATA, handler);
        if (path === undefined) continue; // not a route
        const method = readMetadata(METHOD_METADATA, handler);
        const verb = typeof method === 'number' ? RequestMethod[method] : 'GET';
        const policy = accessPolicy(handler, metatype);
        if (policy.kind === 'public' || policy.kind === 'roles') continue;
        for (const base of paths(readMetadata(PATH_METADATA, metatype))) {
          for (const sub of paths(path)) {
            out.push({
              route: `${verb} ${join(base, sub)} (${metatype.name}.${name})`,
              problem: policy.kind === 'invalid' ? policy.reason : 'undeclared',
            });
          }
        }
      }
    }
    return out;
  }
}
