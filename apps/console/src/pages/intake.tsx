import { AttachmentUploader } from '../components/attachments';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useForm } from 'react-hook-form';
import { FormDateTimeField } from '../components/date-time-field';
import { FollowUpCode } from '../components/follow-up-code';
import { Card, Empty, ErrorNote, Field, StageBadge, UrgentBadge } from '../components/ui';
import { useQuery } from '@tanstack/react-query';
import { ApiError, client, get, newKey, type Schemas } from '../lib/api';
import { asApiError, errorsOf, rules, setServerErrors } from '../lib/forms';
import { dateTime, localInputToIso } from '../lib/format';
import { useReference } from '../lib/hooks';
import { CHANNELS, label, STAGES, useLang } from '../lib/i18n';
import type { TipAccepted } from '../lib/types';
import { resolveWard } from '../lib/wards';

interface Form {
  ward: string;
  category: string;
  channel: string;
  description: string;
  occurredAt: string;
  address: string;
  anonymous: boolean;
  followUp: boolean;
  name: string;
  phone: string;
  email: string;
}

const EMPTY: Form = {
  ward: '',
  category: '',
  channel: 'hotline',
  description: '',
  occurredAt: '',
  address: '',
  anonymous: true,
  followUp: true,
  name: '',
  phone: '',
  email: '',
};

/** The API's names for this form's fields, in the form's order. */
const API_FIELDS: Record<string, keyof Form> = {
  ward: 'ward',
  category: 'category',
  channel: 'channel',
  description: 'description',
  occurredAt: 'occurredAt',
  'location.address': 'address',
  anonymous: 'anonymous',
  followUp: 'followUp',
  'tipster.name': 'name',
  'tipster.phone': 'phone',
  'tipster.email': 'email',
};

/** The request body POST /api/tips takes for this form (empty optional fields left out). */
export function intakeBody(f: Form): Schemas['CreateTipDto'] {
  const tipster = {
    ...(f.name.trim() ? { name: f.name.trim() } : {}),
    ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
    ...(f.email.trim() ? { email: f.email.trim() } : {}),
  };
  return {
    // The pickers offer the reference lists only; the API answers 400 to anything else.
    channel: f.channel as Schemas['Channel'],
    category: f.category as Schemas['Category'],
    ward: f.ward as Schemas['Ward'],
    description: f.description,
    anonymous: f.anonymous,
    ...(f.followUp ? { followUp: true } : {}),
    ...(f.occurredAt ? { occurredAt: localInputToIso(f.occurredAt) } : {}),
    ...(f.address.trim() ? { location: { address: f.address.trim() } } : {}),
    ...(!f.anonymous && Object.keys(tipster).length ? { tipster } : {}),
  };
}

/**
 * A phone call's intake, keyboard only: Tab through the fields (the ward by its number, the
 * other pickers by type-ahead),
 * Ctrl+Enter sends from anywhere, the first bad field gets the focus, and after a tip is taken the
 * form is empty again with the focus on the ward.
 */
export function IntakePage() {
  const { tr, lang } = useLang();
  const ref = useReference();
  const form = useForm<Form>({ defaultValues: EMPTY });
  const { errors, isSubmitting } = form.formState;
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<TipAccepted | null>(null);
  // One key per tip being taken: a resend after a timeout cannot create a second tip.
  const key = useRef(newKey());
  const firstRef = useRef<HTMLInputElement | null>(null);
  const recent = useQuery({
    queryKey: ['tips', 'mine', done?.id],
    queryFn: () => get(client.GET('/api/tips', { params: { query: { mine: 'true', limit: 10 } } })),
    refetchInterval: 3000,
    placeholderData: (previous) => previous,
  });
  const rule = rules(tr);
  const ward = form.watch('ward');
  const anonymous = form.watch('anonymous');
  const wardResolved = ref ? resolveWard(ward, ref.wards) : null;
  const fe = (name: keyof Form) => errorsOf(errors, name);
  const again = (channel: string) => {
    form.reset({ ...EMPTY, channel });
    setError(null);
    firstRef.current?.focus();
  };

  const submit = form.handleSubmit(async (f) => {
    setError(null);
    try {
      const r = await get(
        client.POST('/api/tips', {
          params: { header: { 'Idempotency-Key': key.current } },
          body: intakeBody({ ...f, ward: (ref && resolveWard(f.ward, ref.wards)) ?? f.ward }),
        }),
      );
      key.current = newKey();
      setDone(r);
      again(f.channel);
    } catch (err) {
      // The API's messages under their fields, the focus on the first of them in the form's order;
      // anything else above the button.
      setError(setServerErrors(form, err, API_FIELDS, lang, tr) ? null : asApiError(err));
    }
  });

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (!isSubmitting) void submit();
    }
  };

  const wardField = form.register('ward', {
    validate: (v) =>
      v.trim() === ''
        ? tr('form.required')
        : !ref || resolveWard(v, ref.wards) !== null || tr('form.ward'),
  });
  // The caller's contact is checked only when the caller is not anonymous (else it is not sent).
  const contact = (check: (v: string) => true | string) => (v: string, all: Form) =>
    all.anonymous || check(v);

  return (
    <div className="two-col wide-left">
      <form
        className="card intake"
        onSubmit={(e) => void submit(e)}
        onKeyDown={onKey}
        noValidate
        aria-labelledby="intake-title"
      >
        <h1 id="intake-title">{tr('intake.take_a_tip')}</h1>
        <p className="hint">{tr('intake.tab_to_move_ward_type_its_number_lists_a')}</p>
        {done ? (
          <div className="success" role="status" data-testid="intake-success">
            {tr('intake.taken_reference')}{' '}
            <strong data-testid="intake-reference">{done.reference}</strong>
            {done.followUpCode ? (
              <>
                {' · '}
                {tr('intake.tipster_s_follow_up_code')}{' '}
                <FollowUpCode code={done.followUpCode} testId="intake-code" />
              </>
            ) : null}
            <AttachmentUploader key={done.id} path={`/api/tips/${done.id}/attachments`} />
          </div>
        ) : null}
        <div className="row">
          <Field
            label={tr('intake.ward')}
            errors={fe('ward')}
            hint={
              ward && wardResolved && wardResolved !== ward
                ? `→ ${wardResolved}`
                : `${tr('intake.type_the_number')}: ${(ref?.wards ?? [])
                    .map((w) => /\d+$/.exec(w)?.[0] ?? w)
                    .join(', ')}`
            }
          >
            {(id, d) => (
              <input
                id={id}
                autoFocus
                autoComplete="off"
                aria-describedby={d}
                {...wardField}
                ref={(el) => {
                  wardField.ref(el);
                  firstRef.current = el;
                }}
                onBlur={(e) => {
                  void wardField.onBlur(e);
                  if (wardResolved) form.setValue('ward', wardResolved);
                }}
              />
            )}
          </Field>
          <Field label={tr('intake.category')} errors={fe('category')}>
            {(id, d) => (
              <select
                id={id}
                aria-describedby={d}
                {...form.register('category', { validate: rule.chosen() })}
              >
                <option value="">{tr('intake.category_2')}</option>
                {ref?.categories.map((c) => (
                  <option key={c} value={c}>
                    {ref.categoryLabels[c]?.[lang] ?? c}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={tr('intake.channel')} errors={fe('channel')}>
            {(id, d) => (
              <select id={id} aria-describedby={d} {...form.register('channel')}>
                {(ref?.channels ?? ['hotline']).map((c) => (
                  <option key={c} value={c}>
                    {label(CHANNELS, c, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label={tr('intake.what_the_caller_reports')} errors={fe('description')}>
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
            label={tr('intake.when_it_happened')}
            validate={rule.pastTime(true)}
            dataField="occurredAt"
          />
          <Field label={tr('intake.address')} errors={fe('address')}>
            {(id, d) => (
              <input
                id={id}
                aria-describedby={d}
                {...form.register('address', { validate: rule.text(0, 300, true) })}
              />
            )}
          </Field>
        </div>
        <div className="field check">
          <label>
            <input type="checkbox" {...form.register('anonymous')} />{' '}
            {tr('intake.the_caller_stays_anonymous')}
          </label>
          <label>
            <input type="checkbox" {...form.register('followUp')} />{' '}
            {tr('intake.give_the_caller_a_follow_up_code_to_chec')}
          </label>
        </div>
        {!anonymous ? (
          <fieldset>
            <legend>{tr('intake.caller_s_contact_encrypted')}</legend>
            <div className="row">
              <Field label={tr('intake.name')} errors={fe('name')}>
                {(id, d) => (
                  <input
                    id={id}
                    autoComplete="off"
                    aria-describedby={d}
                    {...form.register('name', { validate: contact(rule.text(0, 200, true)) })}
                  />
                )}
              </Field>
              <Field label={tr('intake.phone')} errors={fe('phone')}>
                {(id, d) => (
                  <input
                    id={id}
                    type="tel"
                    autoComplete="off"
                    aria-describedby={d}
                    {...form.register('phone', {
                      validate: contact((v) => rule.text(6, 20, true)(v.trim())),
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
                    {...form.register('email', { validate: contact(rule.email()) })}
                  />
                )}
              </Field>
            </div>
          </fieldset>
        ) : null}
        <ErrorNote error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {tr('intake.submit_tip')} <kbd>Ctrl+Enter</kbd>
          </button>
          <button type="button" onClick={() => again(form.getValues('channel'))}>
            {tr('intake.clear')}
          </button>
        </div>
      </form>
      <Card title={tr('intake.tips_i_took')}>
        <ErrorNote error={recent.error} />
        {recent.data?.items.length ? (
          <table className="table" data-testid="recent-tips">
            <thead>
              <tr>
                <th>{tr('intake.reference')}</th>
                <th>{tr('intake.at')}</th>
                <th>{tr('intake.ward')}</th>
                <th>{tr('intake.stage')}</th>
              </tr>
            </thead>
            <tbody>
              {recent.data.items.map((t) => (
                <tr key={t.id}>
                  <td className="mono">{t.reference}</td>
                  <td>{dateTime(t.receivedAt, lang)}</td>
                  <td>{t.ward}</td>
                  <td>
                    <StageBadge stage={t.stage} text={label(STAGES, t.stage, lang)} />
                    {t.triage?.urgent ? (
                      <>
                        {' '}
                        <UrgentBadge />
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty>{tr('intake.none_yet')}</Empty>
        )}
      </Card>
    </div>
  );
}
