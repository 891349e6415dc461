import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

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

/** The one global pipe: unknown fields refused, a message per field, nothing coerced silently. */
export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Values are never echoed back: a tip's text must not come back in an error.
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const errorsByField = fieldErrors(errors);
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: Object.values(errorsByField).flat(),
        errors: errorsByField,
      });
    },
  });
}
