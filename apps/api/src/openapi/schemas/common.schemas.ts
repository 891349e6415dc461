import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions, ApiSchema } from '@nestjs/swagger';

/** A UUID, never null. */
export const ID: ApiPropertyOptions = { type: String, format: 'uuid' };
/** A UUID or null. */
export const ID_OR_NULL: ApiPropertyOptions = { type: String, format: 'uuid', nullable: true };
/** An ISO-8601 UTC time. */
export const TIME: ApiPropertyOptions = { type: String, format: 'date-time' };
export const TIME_OR_NULL: ApiPropertyOptions = {
  type: String,
  format: 'date-time',
  nullable: true,
};
export const TEXT_OR_NULL: ApiPropertyOptions = { type: String, nullable: true };
export const COUNT: ApiPropertyOptions = { type: 'integer', minimum: 0 };
/** Free-form details of an event or an audit entry. */
export const DETAIL: ApiPropertyOptions = { type: 'object', additionalProperties: true };

@ApiSchema({ name: 'LocalizedText', description: 'One text in Vietnamese and in English.' })
export class LocalizedTextSchema {
  @ApiProperty()
  vi: string;

  @ApiProperty()
  en: string;
}

@ApiSchema({
  name: 'ExplainedReason',
  description: 'A reason with its code and its text in both languages.',
})
export class ExplainedReasonSchema extends LocalizedTextSchema {
  @ApiProperty({ example: 'keyword_weapon' })
  code: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  })
  params?: Record<string, string | number>;
}
