import type { AttachmentKind } from '../attachment-kinds';

/** The answer to an upload. */
export interface AttachmentAdded {
  id: string;
  kind: AttachmentKind;
  /** Bytes stored (for images, after their metadata was removed). */
  size: number;
  /** SHA-256 (hex) of the stored bytes, for the chain of custody. */
  sha256: string;
}

/** One file of a tip's list. */
export interface AttachmentView extends AttachmentAdded {
  addedAt: string;
  /** The username of whoever added it, or `tipster` for the public channel. */
  addedBy: string;
}
