import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../lib/api';
import { dateTime } from '../lib/format';
import { useLoad } from '../lib/hooks';
import { CHANNELS, label, STAGES, useLang } from '../lib/i18n';
import type { MessageView, Reference, TipView } from '../lib/types';
import { ErrorNote, Field, StageBadge } from './ui';

/** One tip as an investigator reads it, with the message thread to its tipster on demand. */
export function TipCard({ id, reference }: { id: string; reference: Reference | null }) {
  const { L, lang } = useLang();
  const tip = useLoad(() => api<TipView>('GET', `/api/tips/${id}`), [id]);
  const [thread, setThread] = useState(false);
  const t = tip.data;
  if (tip.error) return <ErrorNote error={tip.error} />;
  if (!t) return <p className="loading">{L('Đang tải…', 'Loading…')}</p>;
  return (
    <article className="tip" data-testid="lead-tip">
      <header>
        <span className="mono">{t.reference}</span>
        <StageBadge stage={t.stage} text={label(STAGES, t.stage, lang)} />
        <span>{t.ward}</span>
        <span>{reference?.categoryLabels[t.category]?.[lang] ?? t.category}</span>
        <span>{label(CHANNELS, t.channel, lang)}</span>
        <span>{dateTime(t.receivedAt, lang)}</span>
      </header>
      <p className="description">{t.description}</p>
      {t.location?.address ? (
        <p className="hint">
          {L('Địa chỉ', 'Address')}: {t.location.address}
        </p>
      ) : null}
      {t.triage ? (
        <p className="hint">
          {L('Ưu tiên', 'Priority')} <strong>{t.triage.priority}</strong>
          {t.triage.reasons.length ? ` — ${t.triage.reasons.join('; ')}` : ''}
          {t.triage.duplicateOf ? ` · ${L('trùng với tin khác', 'duplicate of another tip')}` : ''}
        </p>
      ) : null}
      <p className="hint">
        {t.anonymous
          ? L('Người báo ẩn danh', 'Anonymous tipster')
          : t.hasContact
            ? L('Người báo có để lại liên hệ', 'The tipster left contact details')
            : L('Không có liên hệ', 'No contact details')}
        {' · '}
        <button type="button" className="link" onClick={() => setThread((v) => !v)}>
          {thread
            ? L('Ẩn tin nhắn', 'Hide messages')
            : L('Tin nhắn với người báo', 'Messages with the tipster')}
        </button>
      </p>
      {thread ? <Thread tipId={t.id} /> : null}
    </article>
  );
}

function Thread({ tipId }: { tipId: string }) {
  const { L, lang } = useLang();
  const msgs = useLoad(
    () => api<MessageView[]>('GET', `/api/tips/${tipId}/messages`),
    [tipId],
    5000,
  );
  const [body, setBody] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', `/api/tips/${tipId}/messages`, { body: { body } });
      setBody('');
      msgs.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    }
  };
  return (
    <div className="thread-box">
      <ol className="thread" data-testid="staff-thread">
        {msgs.data?.length ? (
          msgs.data.map((m, i) => (
            <li key={m.id ?? i} className={m.direction}>
              <span className="meta">
                {m.direction === 'to_tipster'
                  ? (m.author ?? L('Cán bộ', 'Officer'))
                  : L('Người báo', 'Tipster')}{' '}
                · {dateTime(m.createdAt, lang)}
              </span>
              <span className="body">{m.body}</span>
            </li>
          ))
        ) : (
          <li className="empty">{L('Chưa có tin nhắn.', 'No messages yet.')}</li>
        )}
      </ol>
      <form onSubmit={(e) => void send(e)}>
        <Field label={L('Nhắn cho người báo', 'Write to the tipster')} errors={error?.fields.body}>
          {(id, d) => (
            <textarea
              id={id}
              rows={2}
              name="staff-message"
              aria-describedby={d}
              value={body}
              onChange={(e) => setBody(e.target.value)}
            />
          )}
        </Field>
        {error && !error.fields.body ? <ErrorNote error={error} /> : null}
        <button type="submit" disabled={!body.trim()}>
          {L('Gửi', 'Send')}
        </button>
      </form>
    </div>
  );
}
