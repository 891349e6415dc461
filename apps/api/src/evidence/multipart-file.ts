import { PassThrough, Readable } from 'node:stream';
import busboy from 'busboy';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '@app/contracts';
import { mediaTypeOf } from '../common/body-guards';

/** Room for the multipart envelope around the file (boundaries, part headers). */
const ENVELOPE_BYTES = 64 * 1024;

function tooLarge(maxBytes: number): DomainError {
  const mb = maxBytes / (1024 * 1024);
  return new DomainError(
    'too_large',
    `a file must be at most ${Number.isInteger(mb) ? `${mb} MB` : `${maxBytes} bytes`}`,
  );
}

/**
 * Streams the one file of a `multipart/form-data` request (field `file`) to `handle`, which
 * reads it as it arrives. The file is cut at `maxBytes` (then 413). Whatever `handle` does not
 * read is drained, so the answer always goes out after the whole request was received. Other
 * fields and further files are ignored.
 */
export function receiveFile<T>(
  request: FastifyRequest,
  maxBytes: number,
  handle: (file: Readable) => Promise<T>,
): Promise<T> {
  // The body parsers leave a multipart body unread: it is read here, from the Node request.
  const req = request.raw;
  if (mediaTypeOf(req.headers) !== 'multipart/form-data') {
    return Promise.reject(
      new DomainError('unsupported_type', 'send the file as multipart/form-data, field "file"'),
    );
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes + ENVELOPE_BYTES) return Promise.reject(tooLarge(maxBytes));

  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 1024, parts: 30 },
      });
    } catch {
      reject(
        new DomainError('invalid', 'the multipart body cannot be read', {
          file: ['send one file'],
        }),
      );
      return;
    }
    let work: Promise<T> | null = null;
    let pass: PassThrough | null = null;
    let failure: DomainError | null = null;
    let done = false;

    const finish = () => {
      if (done) return;
      done = true;
      const failed = failure;
      if (failed) {
        // Let the handler stop (its transaction roll back) before answering; a file it stored
        // before the rest of the body went wrong is stored, and answered as such.
        if (work) work.then(resolve, () => reject(failed));
        else reject(failed);
        return;
      }
      if (!work) {
        reject(
          new DomainError('invalid', 'no file was sent', {
            file: ['send one file in a field named "file"'],
          }),
        );
        return;
      }
      work.then(resolve, reject);
    };

    parser.on('file', (name: string, file: Readable) => {
      if (name !== 'file' || work) {
        file.resume();
        return;
      }
      const through = new PassThrough();
      pass = through;
      file.on('limit', () => through.destroy(tooLarge(maxBytes)));
      file.on('error', (err: Error) => through.destroy(err));
      file.pipe(through);
      work = handle(through).catch((err: unknown) => {
        // Whatever was not read is read and dropped, so the request ends and the answer goes.
        file.unpipe(through);
        file.resume();
        throw err;
      });
      work.catch(() => undefined);
    });
    parser.on('error', () => {
      failure = new DomainError('invalid', 'the multipart body cannot be read', {
        file: ['the multipart body is malformed or cut off'],
      });
      pass?.destroy(failure);
      req.unpipe(parser);
      req.resume();
      finish();
    });
    parser.on('close', finish);
    // A client that goes away mid-upload: stop, and roll back what was written.
    req.on('close', () => {
      if (req.complete) return;
      failure = new DomainError('invalid', 'the upload was cut off', {
        file: ['the upload was cut off'],
      });
      pass?.destroy(failure);
      finish();
    });
    req.pipe(parser);
  });
}
