import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A one-line name or identifier (a username, an actor, an entity id): no control character at
 * all. PostgreSQL cannot store or compare a NUL (it was a 500), and the others have no place in
 * a name. Free text that may hold tabs and line breaks uses IsCleanText (field.validators.ts) instead.
 */
export function NoControlCharacters(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'noControlCharacters',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args: ValidationArguments) => `${args.property} must not hold control characters`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !CONTROL.test(value),
      },
    });
}
