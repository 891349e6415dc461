import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiError, client, get } from '../lib/api';
import { dateTime } from '../lib/format';
import { useLang } from '../lib/i18n';
import { ACCEPT, downloadAttachment, uploadFile, type AttachmentAdded } from '../lib/upload';
import { ErrorNote } from './ui';
import './attachments.css';

/** A file on its way: how far it got, and how it ended. */
interface Sending {
  key: string;
  name: string;
  size: number;
  progress: number;
  done: AttachmentAdded | null;
  error: ApiError | null;
}

const KIND = {
  image: { vi: 'Ảnh', en: 'Photo' },
  video: { vi: 'Video', en: 'Video' },
  audio: { vi: 'Ghi âm', en: 'Recording' },
  document: { vi: 'Tài liệu', en: 'Document' },
} as const;

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Why a file was refused, in plain words (the tip itself is not affected). */
function refusal(e: ApiError, tr: (key: string) => string): string {
  switch (e.status) {
    case 413:
      return tr('attachments.the_file_is_too_large') + e.message;
    case 415:
      return tr('attachments.this_kind_of_file_is_not_accepted_send_a');
    case 409:
      return tr('attachments.this_tip_already_has_its_most_files_or_i');
    case 0:
      return tr('attachments.the_connection_dropped_while_sending_the');
    default:
      return e.message;
  }
}

/** What a tipster should know before sending a file: what is removed, and what may remain. */
export function MetadataNote() {
  const { tr } = useLang();
  return (
    <p className="hint" data-testid="metadata-note">
      {tr('attachments.photos_are_stored_after_every_tag_is_rem')}
    </p>
  );
}

/**
 * Picks files and sends them one by one to `path`, each with its progress bar. A file that fails
 * says why and can be sent again; it never touches the tip itself.
 */
export function AttachmentUploader(props: {
  path: string;
  /** The tipster's follow-up code (public pages); otherwise the user's session is used. */
  code?: string;
  /** Files picked before the tip existed (sent as soon as it does). */
  initial?: File[];
  onAdded?: () => void;
}) {
  const { tr } = useLang();
  const [sending, setSending] = useState<Sending[]>([]);
  const started = useRef(false);

  const send = async (files: File[]) => {
    const items = files.map((f, i) => ({
      key: `${Date.now()}-${i}-${f.name}`,
      name: f.name,
      size: f.size,
      progress: 0,
      done: null,
      error: null,
    }));
    setSending((old) => [...old, ...items]);
    for (let i = 0; i < files.length; i++) {
      const key = items[i].key;
      const update = (patch: Partial<Sending>) =>
        setSending((old) => old.map((s) => (s.key === key ? { ...s, ...patch } : s)));
      try {
        const done = await uploadFile(props.path, files[i], {
          code: props.code,
          onProgress: (p) => update({ progress: p }),
        });
        update({ done, progress: 1 });
        props.onAdded?.();
      } catch (err) {
        update({ error: err instanceof ApiError ? err : new ApiError(0, String(err)) });
      }
    }
  };

  useEffect(() => {
    if (!props.initial?.length || started.current) return;
    started.current = true;
    void send(props.initial);
    // Sent once, when the tip first exists.
  }, []);

  return (
    <div className="attachments-upload" data-testid="attachment-uploader">
      <label className="button">
        {tr('attachments.add_photos_videos_recordings_or_pdfs')}
        <input
          type="file"
          multiple
          accept={ACCEPT}
          className="sr-only"
          data-testid="attachment-input"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length) void send(files);
          }}
        />
      </label>
      {sending.length ? (
        <ul className="uploads">
          {sending.map((s) => (
            <li key={s.key} data-testid="upload-item">
              <span className="name">{s.name}</span>{' '}
              <span className="hint">{sizeText(s.size)}</span>{' '}
              {s.done ? (
                <span className="ok" data-testid="upload-done">
                  {tr('attachments.stored')} · SHA-256 <code>{s.done.sha256.slice(0, 12)}…</code>
                </span>
              ) : s.error ? (
                <span className="error-note" role="alert">
                  {refusal(s.error, tr)}
                </span>
              ) : (
                <progress
                  max={1}
                  value={s.progress}
                  aria-label={tr('attachments.sending_name', { name: s.name })}
                />
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A tip's files, with their SHA-256 for the chain of custody, each downloadable. */
export function AttachmentList(props: { tipId: string; count?: number; reloadKey?: number }) {
  const { tr, lang } = useLang();
  const files = useQuery({
    queryKey: ['tip', props.tipId, 'attachments', props.count, props.reloadKey],
    queryFn: () =>
      get(client.GET('/api/tips/{id}/attachments', { params: { path: { id: props.tipId } } })),
    enabled: props.count !== 0,
  });
  const [error, setError] = useState<unknown>(null);
  if (props.count === 0) return null;
  if (files.error) return <ErrorNote error={files.error} />;
  if (!files.data?.length) return null;
  return (
    <div className="attachments" data-testid="attachment-list">
      <h3>{tr('attachments.files')}</h3>
      <ul>
        {files.data.map((a) => (
          <li key={a.id} data-testid="attachment-item">
            <strong>{KIND[a.kind][lang]}</strong> · {sizeText(a.size)} ·{' '}
            {a.addedBy === 'tipster' ? tr('attachments.the_tipster') : a.addedBy} ·{' '}
            {dateTime(a.addedAt, lang)}{' '}
            <button
              type="button"
              data-testid="attachment-download"
              onClick={() => {
                setError(null);
                downloadAttachment(a.id).catch((e: unknown) => setError(e));
              }}
            >
              {tr('attachments.download')}
            </button>
            <br />
            <small className="mono" title="SHA-256">
              SHA-256 {a.sha256}
            </small>
          </li>
        ))}
      </ul>
      <ErrorNote error={error} />
    </div>
  );
}
