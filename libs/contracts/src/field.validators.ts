import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { loadReference } from '@app/config';

let wardSet: Set<string> | null = null;

/** The configured ward names (config/wards.json), read once per process. */
export function configuredWards(): string[] {
  return [...(wardSet ??= new Set(loadReference().wards))];
}

/** One of the configured wards of the district. */
export function IsWard(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isWard',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args: ValidationArguments) =>
          `${args.property} must be one of the district's wards (see GET /api/reference)`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && (wardSet ??= new Set(loadReference().wards)).has(value),
      },
    });
}

// NUL cannot be stored in PostgreSQL text; other C0 controls but tab/newline have no place here.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Text a person typed: no control characters, and not blank. */
export function IsCleanText(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCleanText',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args: ValidationArguments) =>
          `${args.property} must be text without control characters and not blank`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' || (!CONTROL.test(value) && value.trim().length > 0),
      },
    });
}

/** An ISO-8601 time that is not in the future (a little clock skew allowed). */
export function IsPastIsoTime(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPastIsoTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args: ValidationArguments) =>
          `${args.property} must be an ISO-8601 time, not in the future, after 1970`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !ISO_TIME.test(value)) return false;
          const t = Date.parse(value);
          return Number.isFinite(t) && t > 0 && t <= Date.now() + 5 * 60_000;
        },
      },
    });
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
