import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import sharp from 'sharp';

// Decoded images are processed a strip at a time (sequential read), so pixels are never all in
// memory; libvips' operation cache would keep recent images: off.
sharp.cache(false);

/** Plaintext per chunk: each is sealed on its own, and stored as one row. */
export const CHUNK_BYTES = 256 * 1024;

/** Larger images are refused (a decompression bomb is a small file of huge dimensions). */
export const MAX_IMAGE_PIXELS = 100_000_000;

/**
 * Reads up to `n` bytes from the front of `source`; `rest()` then yields those bytes again and
 * everything after, so the type can be judged before the file goes anywhere.
 */
export async function peek(
  source: AsyncIterator<Buffer>,
  n: number,
): Promise<{ head: Buffer; rest: () => AsyncGenerator<Buffer> }> {
  const parts: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < n) {
    const r = await source.next();
    if (r.done) {
      ended = true;
      break;
    }
    parts.push(r.value);
    length += r.value.length;
  }
  const head = Buffer.concat(parts);
  async function* rest(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    if (ended) return;
    for (;;) {
      const r = await source.next();
      if (r.done) return;
      yield r.value;
    }
  }
  return { head, rest };
}

/**
 * Re-encodes an image without its metadata (EXIF, GPS, XMP, IPTC, comments, ICC: sharp writes
 * none unless asked), turned upright first as its EXIF orientation said. sharp gathers the
 * compressed input before decoding and the encoded output before passing it on, so an image is
 * held (twice) while it is cleaned: callers bound how many are cleaned at once.
 */
export function cleanImage(source: Readable, ext: string): Readable {
  const image = sharp({
    sequentialRead: true,
    limitInputPixels: MAX_IMAGE_PIXELS,
    failOn: 'error',
  }).autoOrient();
  const out =
    ext === 'png'
      ? image.png()
      : ext === 'webp'
        ? image.webp({ quality: 90 })
        : // Optimised Huffman tables need a second pass over the whole image: not worth the memory.
          image.jpeg({ quality: 90, optimiseCoding: false });
  source.on('error', (err: Error) => out.destroy(err));
  source.pipe(out);
  return out;
}

export interface ChunkTally {
  size: number;
  sha256: string;
}

/**
 * Cuts `source` into chunks of CHUNK_BYTES (the last shorter), hashing and counting the bytes
 * as they pass; `tally()` is final once the generator is done.
 */
export function chunked(source: AsyncIterable<Buffer>): {
  chunks: AsyncGenerator<Buffer>;
  tally: () => ChunkTally;
} {
  const hash = createHash('sha256');
  let size = 0;
  let digest: string | null = null;
  async function* chunks(): AsyncGenerator<Buffer> {
    let parts: Buffer[] = [];
    let held = 0;
    for await (const piece of source) {
      hash.update(piece);
      size += piece.length;
      parts.push(piece);
      held += piece.length;
      while (held >= CHUNK_BYTES) {
        const all = parts.length === 1 ? parts[0] : Buffer.concat(parts);
        yield all.subarray(0, CHUNK_BYTES);
        const left = all.subarray(CHUNK_BYTES);
        parts = left.length ? [left] : [];
        held = left.length;
      }
    }
    if (held > 0) yield parts.length === 1 ? parts[0] : Buffer.concat(parts);
    digest = hash.digest('hex');
  }
  return {
    chunks: chunks(),
    tally: () => {
      if (digest === null) throw new Error('the file has not been read to its end');
      return { size, sha256: digest };
    },
  };
}
