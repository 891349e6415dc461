import { AttachmentUploader, MetadataNote } from '../components/attachments';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ErrorNote, Field } from '../components/ui';
import { Emergency, Privacy } from '../components/privacy';
import { ApiError, client, get } from '../lib/api';
import { asApiError, errorsOf, rules, setServerErrors } from '../lib/forms';
import { dateTime, normaliseCode } from '../lib/format';
import { label, PUBLIC_STATUS, useLang } from '../lib/i18n';
import type { PublicTipView } from '../lib/types';
import '../components/thread.css';
import './follow-up.css';

/**
 * Code in, status and thread out. The code stays in this page's memory only: it is sent in the
 * X-Follow-Up-Code header, never in a URL, and forgotten when the page is left.
 */
export function FollowUpPage() {
  const { tr, lang } = useLang();
  const codeForm = useForm<{ code: string }>({ defaultValues: { code: '' } });
  const messageForm = useForm<{ message: string }>({ defaultValues: { message: '' } });
  const [open, setOpen] = useState<string | null>(null);
  const [view, setView] = useState<PublicTipView | null>(null);
  const closed = view?.status === 'closed';
  const [error, setError] = useState<ApiError | null>(null);
  const busy = codeForm.formState.isSubmitting || messageForm.formState.isSubmitting;
  const body = messageForm.watch('message');
  const rule = rules(tr);

  const call = async (fn: () => Promise<PublicTipView>) => {
    setError(null);
    try {
      setView(await fn());
      return true;
    } catch (err) {
      if (!setServerErrors(messageForm, err, { body: 'message' }, lang, tr))
        setError(asApiError(err));
      return false;
    }
  };

  const lookUp = codeForm.handleSubmit(async (f) => {
    const c = normaliseCode(f.code);
    const ok = await call(() =>
      get(client.GET('/api/public/tips/status', { params: { header: { 'X-Follow-Up-Code': c } } })),
    );
    if (ok) {
      setOpen(c);
      codeForm.reset();
    }
  });

  const send = messageForm.handleSubmit(async (f) => {
    if (!open) return;
    const ok = await call(() =>
      get(
        client.POST('/api/public/tips/messages', {
          params: { header: { 'X-Follow-Up-Code': open } },
          body: { body: f.message },
        }),
      ),
    );
    if (ok) messageForm.reset();
  });

  const leave = () => {
    setOpen(null);
    setView(null);
    setError(null);
    messageForm.reset();
  };

  return (
    <div className="two-col">
      <div>
        {!open ? (
          <form className="card" onSubmit={(e) => void lookUp(e)} noValidate>
            <h1>{tr('follow-up.follow_up_a_tip')}</h1>
            <Emergency />
            <Field
              label={tr('follow-up.follow_up_code')}
              hint={tr('follow-up.the_code_you_were_given_when_you_sent_th')}
              errors={errorsOf(codeForm.formState.errors, 'code')}
            >
              {(id, d) => (
                <input
                  id={id}
                  className="mono"
                  autoCapitalize="characters"
                  autoComplete="off"
                  spellCheck={false}
                  aria-required="true"
                  aria-describedby={d}
                  {...codeForm.register('code', {
                    validate: (v) => normaliseCode(v) !== '' || tr('form.required'),
                  })}
                />
              )}
            </Field>
            {error?.status === 404 ? (
              <p className="error-note" role="alert">
                {tr('follow-up.no_tip_answers_to_this_code_check_each_c')}
              </p>
            ) : (
              <ErrorNote error={error} />
            )}
            <button type="submit" className="primary" disabled={busy}>
              {tr('follow-up.see_the_status')}
            </button>
          </form>
        ) : (
          <section className="card" aria-live="polite">
            <h1>{tr('follow-up.your_tip')}</h1>
            <p className={`status status-${view?.status}`} data-testid="public-status">
              {view ? label(PUBLIC_STATUS, view.status, lang) : ''}
            </p>
            <h2>{tr('follow-up.messages')}</h2>
            <ol className="thread" data-testid="public-thread">
              {view?.messages.length ? (
                view.messages.map((m, i) => (
                  <li key={i} className={m.direction}>
                    <span className="meta">
                      {m.direction === 'to_tipster' ? tr('follow-up.officer') : tr('follow-up.you')}{' '}
                      · {dateTime(m.createdAt, lang)}
                    </span>
                    <span className="body">{m.body}</span>
                  </li>
                ))
              ) : (
                <li className="empty">{tr('follow-up.no_messages_yet')}</li>
              )}
            </ol>
            {closed || !open ? null : (
              <>
                <h2>{tr('follow-up.add_photos_videos_documents')}</h2>
                <MetadataNote />
                <AttachmentUploader path="/api/public/tips/attachments" code={open} />
              </>
            )}
            {closed ? (
              <p className="hint" data-testid="public-closed">
                {tr('follow-up.this_tip_is_closed_and_takes_no_more_mes')}
              </p>
            ) : null}
            <form onSubmit={(e) => void send(e)} noValidate>
              {closed ? null : (
                <Field
                  label={tr('follow-up.write_to_the_officers')}
                  errors={errorsOf(messageForm.formState.errors, 'message')}
                >
                  {(id, d) => (
                    <textarea
                      id={id}
                      rows={3}
                      aria-describedby={d}
                      {...messageForm.register('message', { validate: rule.text(1, 2000) })}
                    />
                  )}
                </Field>
              )}
              <ErrorNote error={error} />
              <div className="actions">
                {closed ? null : (
                  <button type="submit" className="primary" disabled={busy || !body.trim()}>
                    {tr('follow-up.send_message')}
                  </button>
                )}
                <button type="button" onClick={leave}>
                  {tr('follow-up.leave_forget_the_code_here')}
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
