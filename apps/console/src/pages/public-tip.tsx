import { AttachmentUploader, MetadataNote, sizeText } from '../components/attachments';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { FormDateTimeField } from '../components/date-time-field';
import { FollowUpCode } from '../components/follow-up-code';
import { ErrorNote, Field } from '../components/ui';
import { Emergency, Privacy } from '../components/privacy';
import { ApiError, client, get, type Schemas } from '../lib/api';
import { asApiError, errorsOf, rules, setServerErrors } from '../lib/forms';
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
type Form = typeof EMPTY;

/** The API's names for this form's fields, in the form's order. */
const API_FIELDS: Record<string, keyof Form> = {
  category: 'category',
  ward: 'ward',
  description: 'description',
  occurredAt: 'occurredAt',
  'location.address': 'address',
  'tipster.name': 'name',
  'tipster.phone': 'phone',
  'tipster.email': 'email',
};

/** The citizens' form: no account; the follow-up code is shown this once and never again. */
export function PublicTipPage() {
  const { tr, lang } = useLang();
  const ref = useReference();
  const form = useForm<Form>({ defaultValues: EMPTY });
  const { errors, isSubmitting } = form.formState;
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<Accepted | null>(null);
  // Files picked with the tip: sent once the tip is stored, with its code; a file that fails
  // never costs the tip.
  const [files, setFiles] = useState<File[]>([]);
  const [sentFiles, setSentFiles] = useState<File[]>([]);
  const rule = rules(tr);
  const fe = (name: keyof Form) => errorsOf(errors, name);

  const submit = form.handleSubmit(async (f) => {
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
      form.reset(EMPTY);
      setSentFiles(files);
      setFiles([]);
      setDone(r);
    } catch (err) {
      setError(setServerErrors(form, err, API_FIELDS, lang, tr) ? null : asApiError(err));
    }
  });

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
          <Field label={tr('public-tip.kind_of_crime')} errors={fe('category')}>
            {(id, d) => (
              <select
                id={id}
                aria-describedby={d}
                {...form.register('category', { validate: rule.chosen() })}
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
          <Field label={tr('public-tip.ward')} errors={fe('ward')}>
            {(id, d) => (
              <select
                id={id}
                aria-describedby={d}
                {...form.register('ward', { validate: rule.chosen() })}
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
          errors={fe('description')}
          hint={tr('public-tip.where_when_who_what_the_more_precise_the')}
        >
          {(id, d) => (
            <textarea
              id={id}
              rows={6}
              aria-describedby={d}
              {...form.register('description', { validate: rule.text(10, 5000) })}
            />
          )}
        </Field>
        <div className="row">
          <FormDateTimeField
            control={form.control}
            name="occurredAt"
            label={tr('public-tip.when_if_known')}
            validate={rule.pastTime(true)}
          />
          <Field label={tr('public-tip.address_if_known')} errors={fe('address')}>
            {(id, d) => (
              <input
                id={id}
                aria-describedby={d}
                {...form.register('address', { validate: rule.text(0, 300, true) })}
              />
            )}
          </Field>
        </div>
        <fieldset>
          <legend>{tr('public-tip.contact_optional')}</legend>
          <p className="hint">{tr('public-tip.only_if_you_want_officers_to_be_able_to')}</p>
          <div className="row">
            <Field label={tr('public-tip.name')} errors={fe('name')}>
              {(id, d) => (
                <input
                  id={id}
                  autoComplete="off"
                  aria-describedby={d}
                  {...form.register('name', { validate: rule.text(0, 200, true) })}
                />
              )}
            </Field>
            <Field label={tr('public-tip.phone')} errors={fe('phone')}>
              {(id, d) => (
                <input
                  id={id}
                  type="tel"
                  autoComplete="off"
                  aria-describedby={d}
                  {...form.register('phone', {
                    validate: (v) => rule.text(6, 20, true)(v.trim()),
                  })}
                />
              )}
            </Field>
            <Field label="Email" errors={fe('email')}>
              {(id, d) => (
                <input
                  id={id}
                  type="email"
                  autoComplete="off"
                  aria-describedby={d}
                  {...form.register('email', { validate: rule.email() })}
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
        <button type="submit" className="primary" disabled={isSubmitting}>
          {tr('public-tip.send_the_tip')}
        </button>
      </form>
      <Privacy />
    </div>
  );
}
