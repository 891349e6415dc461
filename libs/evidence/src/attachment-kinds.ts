import { fileTypeFromBuffer } from 'file-type';

export type AttachmentKind = 'image' | 'video' | 'audio' | 'document';

export interface SniffedType {
  kind: AttachmentKind;
  /** As judged from the bytes, e.g. image/jpeg. */
  mime: string;
  /** The extension a download is named with. */
  ext: string;
}

/**
 * What a tip may carry, by the type judged from the bytes (file-type's extension names): photos
 * a browser can show, phones' video and sound recordings, and PDF. Nothing that runs (programs,
 * scripts, HTML, SVG, office macros) and no archive. HEIC is left out: the image library cannot
 * decode it to strip its metadata, and browsers send camera photos as JPEG.
 */
const ALLOWED: Record<string, AttachmentKind> = {
  jpg: 'image',
  png: 'image',
  webp: 'image',
  mp4: 'video',
  mov: 'video',
  webm: 'video',
  '3gp': 'video',
  mp3: 'audio',
  m4a: 'audio',
  ogg: 'audio',
  oga: 'audio',
  opus: 'audio',
  wav: 'audio',
  aac: 'audio',
  amr: 'audio',
  pdf: 'document',
};

/** Bytes read before judging a file's type: enough for every format of the list. */
export const SNIFF_BYTES = 64 * 1024;

/** The kind of an allowed type, or null for anything else (unknown types included). */
export function allowedType(
  detected: { ext: string; mime: string } | undefined,
): SniffedType | null {
  if (!detected) return null;
  const kind = Object.prototype.hasOwnProperty.call(ALLOWED, detected.ext)
    ? ALLOWED[detected.ext]
    : undefined;
  return kind ? { kind, mime: detected.mime, ext: detected.ext } : null;
}

/** Judges the type of a file from its first bytes; null when it is not on the list. */
export async function sniffType(head: Buffer): Promise<SniffedType | null> {
  if (head.length === 0) return null;
  return allowedType(await fileTypeFromBuffer(head));
}
