import { AttachmentUploader, MetadataNote, sizeText } from '../components/attachments';
import { useState, type FormEvent } from 'react';
import { DateTimeField } from '../components/date-time-field';
import { FollowUpCode } from '../components/follow-up-code';
import { ErrorNote, Field } from '../components/ui';
import { Emergency, Privacy } from '../components/privacy';
import { ApiError, client, get, type Schemas } from '../lib/api';
import { localInputToIso } from '../lib/format';
import { ACCEPT } from '../lib/upload';
import { useReference } from '../lib/hooks';
import { useLang } from '../lib/i18n';
import { Link } from '../lib/router';
import './public-tip.css';

type Accepted = Schemas['PublicTipAccepted'];

const EMPTY = {
  category: '',
  ward: '',
  description: '',
  occurredAt: '',
  address: '',
  name: '',
  phone: '',
  email: '',
};

/** The citizens' form: no account; the follow-up code is shown this once and never again. */
export function PublicTipPage() {
  const { tr, lang } = useLang();
  const ref = useReference();
  const [f, setF] = useState(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Accepted | null>(null);
  // Files picked with the tip: sent once the tip is stored, with its code; a file that fails
  // never costs the tip.
  const [files, setFiles] = useState<File[]>([]);
  const [sentFiles, setSentFiles] = useState<File[]>([]);
  const set = (k: keyof typeof EMPTY) => (v: string) => setF((old) => ({ ...old, [k]: v }));
  const fields = error?.fields ?? {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const tipster = {
      ...(f.name.trim() ? { name: f.name.trim() } : {}),
      ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
      ...(f.email.trim() ? { email: f.email.trim() } : {}),
    };
    try {
      const r = await get(
        client.POST('/api/public/tips', {
          body: {
            channel: 'web',
            // The pickers offer GET /api/reference's lists; the API answers 400 to anything else.
            category: f.category as Schemas['Category'],
            ward: f.ward as Schemas['Ward'],
            description: f.description,
            ...(f.occurredAt ? { occurredAt: localInputToIso(f.occurredAt) } : {}),
            ...(f.address.trim() ? { location: { address: f.address.trim() } } : {}),
            ...(Object.keys(tipster).length ? { tipster } : {}),
          },
        }),
      );
      setF(EMPTY);
      setSentFiles(files);
      setFiles([]);
      setDone(r);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <div className="narrow">
        <section className="card success" aria-live="polite">
          <h1>{tr('public-tip.we_have_your_tip')}</h1>
          <p>
            {tr('public-tip.reference')}:{' '}
            <strong data-testid="public-reference">{done.reference}</strong>
          </p>
          <p>{tr('public-tip.your_follow_up_code')}:</p>
          <p className="code">
            <FollowUpCode code={done.followUpCode} large testId="follow-up-code" />
          </p>
          <p className="warning">{tr('public-tip.write_this_code_down_now_it_is_shown_onl')}</p>
          <h2>{tr('public-tip.photos_videos_documents')}</h2>
          <MetadataNote />
          <AttachmentUploader
            path="/api/public/tips/attachments"
            code={done.followUpCode}
            initial={sentFiles}
          />
          <div className="actions">
            <Link href="/follow-up" className="button primary">
              {tr('public-tip.go_to_follow_up')}
            </Link>
            <button
              type="button"
              onClick={() => {
                setSentFiles([]);
                setDone(null);
              }}
            >
              {tr('public-tip.send_another_tip')}
            </button>
          </div>
        </section>
      </div>
    );
  }

  return (
    <div className="two-col">
      <form className="card" onSubmit={(e) => void submit(e)} noValidate>
        <h1>{tr('public-tip.send_a_tip')}</h1>
        <Emergency />
        <p className="hint">{tr('public-tip.no_account_needed_you_may_leave_everythi')}</p>
        <div className="row">
          <Field label={tr('public-tip.kind_of_crime')} errors={fields.category}>
            {(id, d) => (
              <select
                id={id}
                name="category"
                aria-describedby={d}
                value={f.category}
                onChange={(e) => set('category')(e.target.value)}
              >
                <option value="">{tr('public-tip.choose')}</option>
                {ref?.categories.map((c) => (
                  <option key={c} value={c}>
                    {ref.categoryLabels[c]?.[lang] ?? c}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={tr('public-tip.ward')} errors={fields.ward}>
            {(id, d) => (
              <select
                id={id}
                name="ward"
                aria-describedby={d}
                value={f.ward}
                onChange={(e) => set('ward')(e.target.value)}
              >
                <option value="">{tr('public-tip.choose')}</option>
                {ref?.wards.map((w) => (
                  <option key={w} value={w}>
                    {w}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field
          label={tr('public-tip.what_did_you_see_or_learn')}
          errors={fields.description}
          hint={tr('public-tip.where_when_who_what_the_more_precise_the')}
        >
          {(id, d) => (
            <textarea
              id={id}
              name="description"
              rows={6}
              aria-describedby={d}
              value={f.description}
              onChange={(e) => set('description')(e.target.value)}
            />
          )}
        </Field>
        <div className="row">
          <DateTimeField
            label={tr('public-tip.when_if_known')}
            name="occurredAt"
            errors={fields.occurredAt}
            value={f.occurredAt}
            onChange={set('occurredAt')}
          />
          <Field label={tr('public-tip.address_if_known')} errors={fields['location.address']}>
            {(id, d) => (
              <input
                id={id}
                name="address"
                aria-describedby={d}
                value={f.address}
                onChange={(e) => set('address')(e.target.value)}
              />
            )}
          </Field>
        </div>
        <fieldset>
          <legend>{tr('public-tip.contact_optional')}</legend>
          <p className="hint">{tr('public-tip.only_if_you_want_officers_to_be_able_to')}</p>
          <div className="row">
            <Field label={tr('public-tip.name')} errors={fields['tipster.name']}>
              {(id, d) => (
                <input
                  id={id}
                  name="name"
                  autoComplete="off"
                  aria-describedby={d}
                  value={f.name}
                  onChange={(e) => set('name')(e.target.value)}
                />
              )}
            </Field>
            <Field label={tr('public-tip.phone')} errors={fields['tipster.phone']}>
              {(id, d) => (
                <input
                  id={id}
                  name="phone"
                  type="tel"
                  autoComplete="off"
                  aria-describedby={d}
                  value={f.phone}
                  onChange={(e) => set('phone')(e.target.value)}
                />
              )}
            </Field>
            <Field label="Email" errors={fields['tipster.email']}>
              {(id, d) => (
                <input
                  id={id}
                  name="email"
                  type="email"
                  autoComplete="off"
                  aria-describedby={d}
                  value={f.email}
                  onChange={(e) => set('email')(e.target.value)}
                />
              )}
            </Field>
          </div>
        </fieldset>
        <fieldset>
          <legend>{tr('public-tip.photos_videos_documents_optional')}</legend>
          <MetadataNote />
          <input
            type="file"
            multiple
            accept={ACCEPT}
            name="attachments"
            aria-label={tr('public-tip.choose_files')}
            data-testid="public-files"
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
          />
          {files.length ? (
            <ul className="hint">
              {files.map((file) => (
                <li key={file.name}>
                  {file.name} · {sizeText(file.size)}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="hint">{tr('public-tip.files_are_sent_right_after_the_tip_with')}</p>
        </fieldset>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {tr('public-tip.send_the_tip')}
        </button>
      </form>
      <Privacy />
    </div>
  );
}
