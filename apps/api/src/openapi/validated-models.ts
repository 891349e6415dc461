import { ApiProperty, ApiPropertyOptions, DECORATORS } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';
import { ROLES } from '@app/auth';
import { CASE_KINDS, CATEGORIES, CHANNELS, SEVERITIES, TIP_STAGES } from '@app/contracts';

type Constructor = abstract new (...args: never[]) => unknown;
type Rule = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];

/** Lists of the contracts that get one named schema each, shared by requests and responses. */
export const NAMED_ENUMS = new Map<readonly unknown[], string>([
  [TIP_STAGES, 'TipStage'],
  [CHANNELS, 'Channel'],
  [CATEGORIES, 'Category'],
  [CASE_KINDS, 'CaseKind'],
  [SEVERITIES, 'Severity'],
  [ROLES, 'Role'],
]);

export interface ModelContext {
  /** The configured wards: what `@IsWard()` accepts. */
  wards: readonly string[];
}

const done = new WeakSet<Constructor>();

/**
 * Documents request bodies and queries from the class-validator rules the global ValidationPipe
 * enforces, so the schema cannot drift from what the API accepts: each property becomes an
 * `@ApiProperty` (type, required unless `@IsOptional()`, enum, bounds, pattern, format, nested
 * classes). Properties that already carry `@ApiProperty` keep it. Parents are described before
 * their subclasses, as Swagger reads a class's properties through its prototype chain.
 */
export function describeValidatedModel(model: Constructor, ctx: ModelContext): void {
  if (done.has(model)) return;
  done.add(model);
  const parent = Object.getPrototypeOf(model) as Constructor | null;
  if (parent && parent !== Function.prototype) describeValidatedModel(parent, ctx);
  const rules = getMetadataStorage()
    .getTargetValidationMetadatas(model, '', true, false)
    .filter((r) => r.target === model);
  const byProperty = new Map<string, Rule[]>();
  for (const r of rules)
    byProperty.set(r.propertyName, [...(byProperty.get(r.propertyName) ?? []), r]);
  for (const [property, own] of byProperty) {
    const documented = Reflect.getMetadata(
      DECORATORS.API_MODEL_PROPERTIES,
      model.prototype as object,
      property,
    ) as unknown;
    if (documented) continue;
    const { options, nested } = propertyOptions(model, property, own, ctx);
    if (nested) describeValidatedModel(nested, ctx);
    ApiProperty(options)(model.prototype as object, property);
  }
}

function propertyOptions(
  model: Constructor,
  property: string,
  rules: Rule[],
  ctx: ModelContext,
): { options: ApiPropertyOptions; nested?: Constructor } {
  const named = (name: string) => rules.find((r) => r.name === name);
  const optional = rules.some((r) => r.type === 'conditionalValidation' && r.name === 'isOptional');
  const designType = Reflect.getMetadata('design:type', model.prototype as object, property) as
    Constructor | undefined;
  const transformed = defaultMetadataStorage.findTypeMetadata(model, property)?.typeFunction() as
    Constructor | undefined;
  const isArray = designType === Array || !!named('isArray');
  // What one value (or, for arrays, one item) is.
  const item: Record<string, unknown> = {};
  const whole: Record<string, unknown> = {};
  const at = (r: Rule) => (isArray && r.each ? item : whole);
  let nested: Constructor | undefined;
  let scalar: string | undefined;
  for (const r of rules) {
    const c = r.constraints as unknown[] | undefined;
    const target = at(r);
    switch (r.name) {
      case 'isString':
        scalar ??= 'string';
        break;
      case 'isInt':
        scalar = 'integer';
        break;
      case 'isNumber':
      case 'isLatitude':
      case 'isLongitude':
        scalar ??= 'number';
        break;
      case 'isBoolean':
        scalar = 'boolean';
        break;
      case 'isIn': {
        const values = c![0] as readonly unknown[];
        Object.assign(isArray ? item : target, { enum: [...values] });
        const name = NAMED_ENUMS.get(values);
        if (name) Object.assign(isArray ? item : target, { enumName: name });
        break;
      }
      case 'isWard':
        Object.assign(isArray ? item : target, { enum: [...ctx.wards], enumName: 'Ward' });
        break;
      case 'isUUID':
        Object.assign(target, { format: 'uuid' });
        break;
      case 'isEmail':
        Object.assign(target, { format: 'email' });
        break;
      case 'isISO8601':
      case 'isPastIsoTime':
        Object.assign(target, { format: 'date-time' });
        break;
      case 'matches':
        Object.assign(target, { pattern: (c![0] as RegExp).source });
        break;
      case 'isLength':
        Object.assign(target, { minLength: c![0] as number });
        if (c![1] !== undefined) Object.assign(target, { maxLength: c![1] as number });
        break;
      case 'minLength':
        Object.assign(target, { minLength: c![0] as number });
        break;
      case 'maxLength':
        Object.assign(target, { maxLength: c![0] as number });
        break;
      case 'min':
        Object.assign(target, { minimum: c![0] as number });
        break;
      case 'max':
        Object.assign(target, { maximum: c![0] as number });
        break;
      case 'arrayMinSize':
        Object.assign(whole, { minItems: c![0] as number });
        break;
      case 'arrayMaxSize':
        Object.assign(whole, { maxItems: c![0] as number });
        break;
      default:
        break;
    }
  }
  if (rules.some((r) => r.type === 'nestedValidation')) {
    nested = transformed ?? (designType !== Array ? designType : undefined);
  }
  if (latitudeOrLongitude(rules)) Object.assign(whole, latitudeOrLongitude(rules));
  const options: Record<string, unknown> = { required: !optional, ...whole };
  if (nested) {
    Object.assign(options, { type: () => nested, isArray });
  } else if (isArray) {
    const { enum: values, enumName, ...rest } = item;
    if (values) Object.assign(options, { enum: values, enumName, isArray: true });
    else
      Object.assign(options, {
        type: 'array',
        items: { type: scalarOf(designType, scalar), ...rest },
      });
  } else if (!options.enum) {
    options.type = scalarOf(designType, scalar);
  }
  return { options, nested };
}

function latitudeOrLongitude(rules: Rule[]): Record<string, number> | null {
  if (rules.some((r) => r.name === 'isLatitude')) return { minimum: -90, maximum: 90 };
  if (rules.some((r) => r.name === 'isLongitude')) return { minimum: -180, maximum: 180 };
  return null;
}

function scalarOf(designType: Constructor | undefined, fromRules: string | undefined): string {
  if (fromRules) return fromRules;
  if (designType === Number) return 'number';
  if (designType === Boolean) return 'boolean';
  return 'string';
}
