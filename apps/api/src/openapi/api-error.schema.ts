import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse, ApiSchema } from '@nestjs/swagger';

/** The one error shape of every route (see ApiExceptionFilter and the global ValidationPipe). */
@ApiSchema({
  name: 'ApiError',
  description: 'Every error answer: `message` is one line, or one line per field with `errors`.',
})
export class ApiErrorSchema {
  @ApiProperty({ type: 'integer', example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['description must be 10 to 5000 characters'],
  })
  message: string | string[];

  @ApiPropertyOptional({
    description: 'For 400: the messages of each field, by its path (`location.lat`).',
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { description: ['description must be 10 to 5000 characters'] },
  })
  errors?: Record<string, string[]>;

  @ApiPropertyOptional({
    description:
      "For 400, beside `errors`: the rule behind each of a field's messages, in the same order, " +
      "for a client to word it in its own language: `code` is the constraint's name " +
      '(`isLength`, `maxLength`, `min`, `max`, `isIn`, `isWard`, `isEmail`, `isPastIsoTime`, ' +
      '`isCleanText`…, or a rule of the route such as `beforeCaseTime`), `args` its numeric ' +
      'bounds when it has any (`isLength`: min, max).',
    type: 'object',
    additionalProperties: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code'],
        properties: {
          code: { type: 'string' },
          args: { type: 'array', items: { type: 'number' } },
        },
      },
    },
    example: { description: [{ code: 'isLength', args: [10, 5000] }] },
  })
  codes?: Record<string, { code: string; args?: number[] }[]>;

  @ApiPropertyOptional({
    type: 'boolean',
    description:
      'For 401 of login: the password was right; send the code of the authenticator app in ' +
      '`otp` (it was missing, wrong or already used).',
  })
  mfaRequired?: boolean;

  @ApiPropertyOptional({
    type: 'boolean',
    description: 'For 403: the caller must change its password first (an admin reset it).',
  })
  mustChangePassword?: boolean;

  @ApiPropertyOptional({
    type: 'boolean',
    description: 'For 403: the caller must turn on two-factor login first (production).',
  })
  mfaEnrolmentRequired?: boolean;
}

/** Error answers a route gives beyond the ones every route of its kind gives (see api-document). */
export function ApiErrors(answers: Partial<Record<ErrorStatus, string>>): MethodDecorator {
  return applyDecorators(
    ...Object.entries(answers).map(([status, description]) =>
      ApiResponse({ status: Number(status), description, type: ApiErrorSchema }),
    ),
  );
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;
