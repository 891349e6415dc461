import { AttachmentUploader } from '../components/attachments';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { DateTimeField } from '../components/date-time-field';
import { FollowUpCode } from '../components/follow-up-code';
import { Card, Empty, ErrorNote, Field, StageBadge, UrgentBadge } from '../components/ui';
import { useQuery } from '@tanstack/react-query';
import { ApiError, client, get, newKey, type Schemas } from '../lib/api';
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
  const [f, setF] = useState<Form>(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<TipAccepted | null>(null);
  // One key per tip being taken: a resend after a timeout cannot create a second tip.
  const key = useRef(newKey());
  const formRef = useRef<HTMLFormElement>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const recent = useQuery({
    queryKey: ['tips', 'mine', done?.id],
    queryFn: () => get(client.GET('/api/tips', { params: { query: { mine: 'true', limit: 10 } } })),
    refetchInterval: 3000,
    placeholderData: (previous) => previous,
  });
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((old) => ({ ...old, [k]: v }));
  const fields = error?.fields ?? {};
  const wardResolved = ref ? resolveWard(f.ward, ref.wards) : null;

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await get(
        client.POST('/api/tips', {
          params: { header: { 'Idempotency-Key': key.current } },
          body: intakeBody({ ...f, ward: wardResolved ?? f.ward }),
        }),
      );
      key.current = newKey();
      setDone(r);
      setF({ ...EMPTY, channel: f.channel });
      firstRef.current?.focus();
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError(0, String(err));
      setError(apiErr);
      // Focus the first field the API named, in the form's order.
      const names = Object.keys(apiErr.fields);
      const first = Array.from(formRef.current?.elements ?? []).find(
        (el) => el instanceof HTMLElement && names.includes(el.dataset.field ?? ''),
      ) as HTMLElement | undefined;
      first?.focus();
    } finally {
      setBusy(false);
    }
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <div className="two-col wide-left">
      <form
        className="card intake"
        ref={formRef}
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
            errors={fields.ward}
            hint={
              f.ward && wardResolved && wardResolved !== f.ward
                ? `→ ${wardResolved}`
                : `${tr('intake.type_the_number')}: ${(ref?.wards ?? [])
                    .map((w) => /\d+$/.exec(w)?.[0] ?? w)
                    .join(', ')}`
            }
          >
            {(id, d) => (
              <input
                id={id}
                ref={firstRef}
                autoFocus
                name="ward"
                data-field="ward"
                autoComplete="off"
                aria-describedby={d}
                value={f.ward}
                onChange={(e) => set('ward', e.target.value)}
                onBlur={() => wardResolved && set('ward', wardResolved)}
              />
            )}
          </Field>
          <Field label={tr('intake.category')} errors={fields.category}>
            {(id, d) => (
              <select
                id={id}
                name="category"
                data-field="category"
                aria-describedby={d}
                value={f.category}
                onChange={(e) => set('category', e.target.value)}
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
          <Field label={tr('intake.channel')} errors={fields.channel}>
            {(id, d) => (
              <select
                id={id}
                name="channel"
                data-field="channel"
                aria-describedby={d}
                value={f.channel}
                onChange={(e) => set('channel', e.target.value)}
              >
                {(ref?.channels ?? ['hotline']).map((c) => (
                  <option key={c} value={c}>
                    {label(CHANNELS, c, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label={tr('intake.what_the_caller_reports')} errors={fields.description}>
          {(id, d) => (
            <textarea
              id={id}
              name="description"
              data-field="description"
              rows={6}
              aria-describedby={d}
              value={f.description}
              onChange={(e) => set('description', e.target.value)}
            />
          )}
        </Field>
        <div className="row">
          <DateTimeField
            label={tr('intake.when_it_happened')}
            name="occurredAt"
            dataField="occurredAt"
            errors={fields.occurredAt}
            value={f.occurredAt}
            onChange={(v) => set('occurredAt', v)}
          />
          <Field label={tr('intake.address')} errors={fields['location.address']}>
            {(id, d) => (
              <input
                id={id}
                name="address"
                data-field="location.address"
                aria-describedby={d}
                value={f.address}
                onChange={(e) => set('address', e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="field check">
          <label>
            <input
              type="checkbox"
              name="anonymous"
              data-field="anonymous"
              checked={f.anonymous}
              onChange={(e) => set('anonymous', e.target.checked)}
            />{' '}
            {tr('intake.the_caller_stays_anonymous')}
          </label>
          <label>
            <input
              type="checkbox"
              name="followUp"
              data-field="followUp"
              checked={f.followUp}
              onChange={(e) => set('followUp', e.target.checked)}
            />{' '}
            {tr('intake.give_the_caller_a_follow_up_code_to_chec')}
          </label>
        </div>
        {!f.anonymous ? (
          <fieldset>
            <legend>{tr('intake.caller_s_contact_encrypted')}</legend>
            <div className="row">
              <Field label={tr('intake.name')} errors={fields['tipster.name']}>
                {(id, d) => (
                  <input
                    id={id}
                    name="name"
                    data-field="tipster.name"
                    autoComplete="off"
                    aria-describedby={d}
                    value={f.name}
                    onChange={(e) => set('name', e.target.value)}
                  />
                )}
              </Field>
              <Field label={tr('intake.phone')} errors={fields['tipster.phone']}>
                {(id, d) => (
                  <input
                    id={id}
                    name="phone"
                    type="tel"
                    data-field="tipster.phone"
                    autoComplete="off"
                    aria-describedby={d}
                    value={f.phone}
                    onChange={(e) => set('phone', e.target.value)}
                  />
                )}
              </Field>
              <Field label="Email" errors={fields['tipster.email']}>
                {(id, d) => (
                  <input
                    id={id}
                    name="email"
                    type="email"
                    data-field="tipster.email"
                    autoComplete="off"
                    aria-describedby={d}
                    value={f.email}
                    onChange={(e) => set('email', e.target.value)}
                  />
                )}
              </Field>
            </div>
          </fieldset>
        ) : null}
        <ErrorNote error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {tr('intake.submit_tip')} <kbd>Ctrl+Enter</kbd>
          </button>
          <button
            type="button"
            onClick={() => {
              setF({ ...EMPTY, channel: f.channel });
              setError(null);
              firstRef.current?.focus();
            }}
          >
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
