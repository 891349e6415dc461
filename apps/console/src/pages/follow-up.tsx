import { AttachmentUploader, MetadataNote } from '../components/attachments';
import { useState, type FormEvent } from 'react';
import { ErrorNote, Field } from '../components/ui';
import { Emergency, Privacy } from '../components/privacy';
import { ApiError, client, get } from '../lib/api';
import { dateTime, normaliseCode } from '../lib/format';
import { PUBLIC_STATUS, useLang } from '../lib/i18n';
import type { PublicTipView } from '../lib/types';

/**
 * Code in, status and thread out. The code stays in this page's memory only: it is sent in the
 * X-Follow-Up-Code header, never in a URL, and forgotten when the page is left.
 */
export function FollowUpPage() {
  const { L, lang } = useLang();
  const [code, setCode] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [view, setView] = useState<PublicTipView | null>(null);
  const closed = view?.status === 'closed';
  const [error, setError] = useState<ApiError | null>(null);
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);

  const call = async (fn: () => Promise<PublicTipView>) => {
    setBusy(true);
    setError(null);
    try {
      setView(await fn());
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const lookUp = async (e: FormEvent) => {
    e.preventDefault();
    const c = normaliseCode(code);
    const ok = await call(() =>
      get(client.GET('/api/public/tips/status', { params: { header: { 'X-Follow-Up-Code': c } } })),
    );
    if (ok) {
      setOpen(c);
      setCode('');
    }
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!open) return;
    const ok = await call(() =>
      get(
        client.POST('/api/public/tips/messages', {
          params: { header: { 'X-Follow-Up-Code': open } },
          body: { body },
        }),
      ),
    );
    if (ok) setBody('');
  };

  const leave = () => {
    setOpen(null);
    setView(null);
    setError(null);
  };

  return (
    <div className="two-col">
      <div>
        {!open ? (
          <form className="card" onSubmit={(e) => void lookUp(e)}>
            <h1>{L('Theo dõi tin báo', 'Follow up a tip')}</h1>
            <Emergency />
            <Field
              label={L('Mã theo dõi', 'Follow-up code')}
              hint={L(
                'Mã bạn nhận được khi gửi tin báo.',
                'The code you were given when you sent the tip.',
              )}
            >
              {(id, d) => (
                <input
                  id={id}
                  name="code"
                  className="mono"
                  autoCapitalize="characters"
                  autoComplete="off"
                  spellCheck={false}
                  aria-describedby={d}
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  required
                />
              )}
            </Field>
            {error?.status === 404 ? (
              <p className="error-note" role="alert">
                {L(
                  'Không có tin báo nào ứng với mã này. Kiểm tra lại từng ký tự.',
                  'No tip answers to this code. Check each character.',
                )}
              </p>
            ) : (
              <ErrorNote error={error} />
            )}
            <button type="submit" className="primary" disabled={busy}>
              {L('Xem tình trạng', 'See the status')}
            </button>
          </form>
        ) : (
          <section className="card" aria-live="polite">
            <h1>{L('Tin báo của bạn', 'Your tip')}</h1>
            <p className={`status status-${view?.status}`} data-testid="public-status">
              {view ? PUBLIC_STATUS[view.status]?.[lang] : ''}
            </p>
            <h2>{L('Tin nhắn', 'Messages')}</h2>
            <ol className="thread" data-testid="public-thread">
              {view?.messages.length ? (
                view.messages.map((m, i) => (
                  <li key={i} className={m.direction}>
                    <span className="meta">
                      {m.direction === 'to_tipster' ? L('Cán bộ', 'Officer') : L('Bạn', 'You')} ·{' '}
                      {dateTime(m.createdAt, lang)}
                    </span>
                    <span className="body">{m.body}</span>
                  </li>
                ))
              ) : (
                <li className="empty">{L('Chưa có tin nhắn.', 'No messages yet.')}</li>
              )}
            </ol>
            {closed || !open ? null : (
              <>
                <h2>{L('Gửi thêm ảnh, video, tài liệu', 'Add photos, videos, documents')}</h2>
                <MetadataNote />
                <AttachmentUploader path="/api/public/tips/attachments" code={open} />
              </>
            )}
            {closed ? (
              <p className="hint" data-testid="public-closed">
                {L(
                  'Tin báo này đã khép lại và không nhận thêm tin nhắn. Nếu bạn biết thêm điều gì, xin gửi một tin báo mới.',
                  'This tip is closed and takes no more messages. If you know more, please send a new tip.',
                )}
              </p>
            ) : null}
            <form onSubmit={(e) => void send(e)}>
              {closed ? null : (
                <Field
                  label={L('Nhắn cho cán bộ', 'Write to the officers')}
                  errors={error?.fields.body}
                >
                  {(id, d) => (
                    <textarea
                      id={id}
                      name="message"
                      rows={3}
                      aria-describedby={d}
                      value={body}
                      onChange={(e) => setBody(e.target.value)}
                    />
                  )}
                </Field>
              )}
              {error && !error.fields.body ? <ErrorNote error={error} /> : null}
              <div className="actions">
                {closed ? null : (
                  <button type="submit" className="primary" disabled={busy || !body.trim()}>
                    {L('Gửi tin nhắn', 'Send message')}
                  </button>
                )}
                <button type="button" onClick={leave}>
                  {L('Thoát (quên mã trên máy này)', 'Leave (forget the code here)')}
                </button>
              </div>
            </form>
          </section>
        )}
      </div>
      <Privacy />
    </div>
  );
}
