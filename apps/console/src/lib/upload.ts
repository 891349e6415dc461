import { ApiError, errorFrom } from './api';
import { readSession } from './session';
import type { AttachmentAdded } from './types';

export type { AttachmentAdded, AttachmentView } from './types';

/** What the file picker offers; the server judges the bytes whatever the picker let through. */
export const ACCEPT =
  'image/jpeg,image/png,image/webp,video/mp4,video/quicktime,video/webm,video/3gpp,audio/*,application/pdf';

/**
 * Sends one file (multipart, field `file`) with XMLHttpRequest, which reports upload progress
 * (fetch does not). `code`: the tipster's follow-up code, sent in its header, never in the URL;
 * without it the signed-in user's token is sent.
 */
export function uploadFile(
  path: string,
  file: File,
  opts: { code?: string; onProgress?: (fraction: number) => void } = {},
): Promise<AttachmentAdded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    if (opts.code) xhr.setRequestHeader('X-Follow-Up-Code', opts.code);
    else {
      const session = readSession();
      if (session) xhr.setRequestHeader('authorization', `Bearer ${session.token}`);
    }
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status === 201) resolve(body as AttachmentAdded);
      else reject(errorFrom(xhr.status, body));
    };
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

/**
 * Downloads a stored file with the user's token, then hands it to the browser as a download
 * (never opened in the page).
 */
export async function downloadAttachment(id: string): Promise<void> {
  const session = readSession();
  const res = await fetch(`/api/attachments/${id}`, {
    headers: session ? { authorization: `Bearer ${session.token}` } : {},
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!res.ok) {
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    throw errorFrom(res.status, body);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name ?? `evidence-${id.slice(0, 8)}`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
