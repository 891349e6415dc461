import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ID, TIME } from './common.schemas';

const KINDS = ['image', 'video', 'audio', 'document'] as const;

@ApiSchema({ name: 'AttachmentAdded', description: 'A file stored with a tip.' })
export class AttachmentAddedSchema {
  @ApiProperty(ID)
  id: string;

  @ApiProperty({ enum: KINDS, description: 'Judged from the bytes, not the name.' })
  kind: (typeof KINDS)[number];

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'Bytes stored (an image after its metadata was removed).',
  })
  size: number;

  @ApiProperty({
    pattern: '^[0-9a-f]{64}$',
    description: 'SHA-256 (hex) of the stored bytes, for the chain of custody.',
  })
  sha256: string;
}

@ApiSchema({ name: 'Attachment', description: 'One file of a tip.' })
export class AttachmentSchema extends AttachmentAddedSchema {
  @ApiProperty(TIME)
  addedAt: string;

  @ApiProperty({ description: 'The username that added it, or `tipster` (public channel).' })
  addedBy: string;
}

/** The multipart body of an upload. */
export const UPLOAD_BODY = {
  schema: {
    type: 'object' as const,
    required: ['file'],
    properties: { file: { type: 'string' as const, format: 'binary' } },
  },
};
