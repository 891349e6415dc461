import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';

/** What a field's message is about, for a client to word it itself: `{code: "isLength", args: [3, 500]}`. */
export interface FieldCode {
  /** The rule the value broke: class-validator's constraint name (`isLength`, `isIn`, `isWard`…). */
  code: string;
  /** The rule's numeric bounds, when it has any (`isLength`: min, max; `maxLength`: max; `min`). */
  args?: number[];
}

/** Flattens nested class-validator errors to `{ "location.lat": ["..."] }`. */
export function fieldErrors(errors: ValidationError[], parent = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) out[field] = Object.values(e.constraints);
    if (e.children?.length) Object.assign(out, fieldErrors(e.children, field));
  }
  return out;
}

/**
 * The same fields as `fieldErrors`, each message's rule in the same order: the constraint's name
 * and its numeric bounds, read from the class-validator metadata of the object that failed.
 */
export function fieldCodes(errors: ValidationError[], parent = ''): Record<string, FieldCode[]> {
  const out: Record<string, FieldCode[]> = {};
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) {
      out[field] = Object.keys(e.constraints).map((code) => {
        const args = boundsOf(e.target, e.property, code);
        return args.length ? { code, args } : { code };
      });
    }
    if (e.children?.length) Object.assign(out, fieldCodes(e.children, field));
  }
  return out;
}

function boundsOf(target: object | undefined, property: string, code: string): number[] {
  if (!target || typeof target !== 'object') return [];
  const rule = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', false, false)
    .find((m) => m.propertyName === property && (m.name ?? m.type) === code);
  const constraints: unknown[] = Array.isArray(rule?.constraints) ? rule.constraints : [];
  return constraints.filter((c): c is number => typeof c === 'number' && Number.isFinite(c));
}

/** The one global pipe: unknown fields refused, a message per field, nothing coerced silently. */
export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Values are never echoed back: a tip's text must not come back in an error. The failed
    // object is kept (`target`) only to read its rules' bounds; it never leaves this function.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => {
      const errorsByField = fieldErrors(errors);
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: Object.values(errorsByField).flat(),
        errors: errorsByField,
        codes: fieldCodes(errors),
      });
    },
  });
}
