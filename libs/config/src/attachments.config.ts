import { configConcern } from './config-concern';
import { readInt } from './env';

export interface AttachmentsConfig {
  /** Largest file accepted, in bytes (413 past it). */
  maxBytes: number;
  /** Files per tip (409 past it). */
  perTip: number;
  /**
   * Uploads one API process streams into PostgreSQL at once; each holds a database connection
   * while its bytes arrive. Others wait, their bodies unread, so memory stays flat.
   */
  uploadsAtOnce: number;
  /**
   * Of those, images re-encoded at once: the image library holds a photo's compressed input,
   * its output and its working memory (about 80 MB for 20 megapixels) while it works.
   */
  imagesAtOnce: number;
}

/** Evidence with a tip: the API only (the relay's purge needs none of it). */
export const attachmentsConfig = configConcern('attachments', (env): AttachmentsConfig => ({
  maxBytes: readInt(env, 'ATTACHMENT_MAX_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  perTip: readInt(env, 'ATTACHMENTS_PER_TIP', 10, 1, 1000),
  uploadsAtOnce: readInt(env, 'ATTACHMENT_UPLOADS_AT_ONCE', 4, 1, 100),
  imagesAtOnce: readInt(env, 'ATTACHMENT_IMAGES_AT_ONCE', 1, 1, 100),
}));
