import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ReasonDialog } from '../components/reason-dialog';
import { FormDateTimeField } from '../components/date-time-field';
import { TipCard } from '../components/tip-card';
import { Card, Empty, ErrorNote, Field, UrgentBadge } from '../components/ui';
import { useQuery } from '@tanstack/react-query';
import { ApiError, call, client, get, thenRefresh, type Schemas } from '../lib/api';
import { asApiError, errorsOf, rules, setServerErrors } from '../lib/forms';
import { isoToInput, localInputToIso, nowForInput, number, timeLeft } from '../lib/format';
import { useMe, useNow, useReference } from '../lib/hooks';
import { useNotificationArrivals } from '../lib/notifications';
import { CASE_KINDS, label, reasonList, SEVERITIES, useLang } from '../lib/i18n';
import { Link, navigate } from '../lib/router';
import type { Session } from '../lib/session';
import type { LeadView, Reference, Role, Suggestion as SuggestionView, Ward } from '../lib/types';
import './leads.css';

const LEAD_STAGES: Record<LeadView['stage'], { vi: string; en: string }> = {
  open: { vi: 'Chờ nhận', en: 'Waiting' },
  claimed: { vi: 'Đang xác minh', en: 'Being worked' },
  linked: { vi: 'Đã gắn vụ việc', en: 'Linked to a case' },
  dismissed: { vi: 'Đã đóng', en: 'Dismissed' },
};

/** Urgent leads first, then by the priority the queue uses now. */
export function byUrgency(a: LeadView, b: LeadView): number {
  return Number(!!b.urgent) - Number(!!a.urgent) || b.effectivePriority - a.effectivePriority;
}

/** The lead queue: claim the next lead (optionally by ward and category), then work it. */
export function LeadsPage({ session }: { session: Session }) {
  const { tr, lang } = useLang();
  const ref = useReference();
  const [wards, setWards] = useState<string[]>([]);
  const [categories, setCategories] = useState<string[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const me = useMe();
  const leadsAt = (stage: 'claimed' | 'open') => ({
    queryKey: ['leads', stage, current],
    queryFn: () => get(client.GET('/api/leads', { params: { query: { stage, limit: 100 } } })),
    refetchInterval: 10_000,
    placeholderData: <T,>(previous: T) => previous,
  });
  const mine = useQuery(leadsAt('claimed'));
  const waiting = useQuery(leadsAt('open'));
  // A new urgent or reopened lead shows at once, not at the next poll.
  useNotificationArrivals(['urgent_lead', 'lead_reopened'], () => {
    void waiting.refetch();
  });
  const myLeads = (mine.data?.items ?? []).filter((l) => l.claimedBy === me?.id).sort(byUrgency);
  const waitingLeads = [...(waiting.data?.items ?? [])].sort(byUrgency).slice(0, 15);

  const toggle = (list: string[], v: string) =>
    list.includes(v) ? list.filter((x) => x !== v) : [...list, v];

  const claim = async () => {
    setError(null);
    setNote(null);
    try {
      const lead = await call(
        client.POST('/api/leads/claim', {
          body: {
            ...(wards.length ? { wards: wards as Ward[] } : {}),
            ...(categories.length ? { categories: categories as Schemas['Category'][] } : {}),
          },
        }),
      );
      if (!lead) setNote(tr('leads.no_open_lead_is_waiting'));
      else setCurrent(lead.id);
      void mine.refetch();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    }
  };

  return (
    <div className="two-col narrow-left">
      <div>
        <Card title={tr('leads.claim_a_lead')}>
          <details>
            <summary>
              {tr('leads.filter_by_ward')} ({wards.length || tr('leads.all')})
            </summary>
            <div className="checks">
              {ref?.wards.map((w) => (
                <label key={w}>
                  <input
                    type="checkbox"
                    name="claim-ward"
                    value={w}
                    checked={wards.includes(w)}
                    onChange={() => setWards(toggle(wards, w))}
                  />{' '}
                  {w}
                </label>
              ))}
            </div>
          </details>
          <details>
            <summary>
              {tr('leads.filter_by_category')} ({categories.length || tr('leads.all')})
            </summary>
            <div className="checks">
              {ref?.categories.map((c) => (
                <label key={c}>
                  <input
                    type="checkbox"
                    name="claim-category"
                    value={c}
                    checked={categories.includes(c)}
                    onChange={() => setCategories(toggle(categories, c))}
                  />{' '}
                  {ref.categoryLabels[c]?.[lang] ?? c}
                </label>
              ))}
            </div>
          </details>
          <button type="button" className="primary" onClick={() => void claim()}>
            {tr('leads.claim_next_lead')}
          </button>
          {note ? <p className="note">{note}</p> : null}
          <ErrorNote error={error} />
        </Card>
        <Card title={tr('leads.leads_i_hold')}>
          {myLeads.length ? (
            <ul className="list">
              {myLeads.map((l) => (
                <li key={l.id}>
                  {l.urgent ? <UrgentBadge /> : null}{' '}
                  <button
                    type="button"
                    className={`link ${l.id === current ? 'active' : ''}`}
                    onClick={() => setCurrent(l.id)}
                  >
                    {l.ward} · {ref?.categoryLabels[l.category]?.[lang] ?? l.category} ·{' '}
                    {tr('leads.priority')} {l.priority}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{tr('leads.none_held')}</Empty>
          )}
        </Card>
        <Card title={tr('leads.waiting_to_be_claimed')}>
          <ErrorNote error={waiting.error} />
          {waitingLeads.length ? (
            <ul className="list" data-testid="waiting-leads">
              {waitingLeads.map((l) => (
                <li key={l.id} className={l.urgent ? 'urgent-row' : ''}>
                  {l.urgent ? <UrgentBadge /> : null}{' '}
                  <Link href={`/leads/${l.id}`}>
                    {l.ward} · {ref?.categoryLabels[l.category]?.[lang] ?? l.category}
                  </Link>{' '}
                  <span className="hint">
                    {tr('leads.priority')} {l.effectivePriority} ·{' '}
                    {tr('leads.tip_count', { count: l.tipIds.length })}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{tr('leads.no_lead_is_waiting')}</Empty>
          )}
        </Card>
      </div>
      <div>
        {current ? (
          <LeadPanel
            key={current}
            id={current}
            reference={ref}
            role={session.role}
            meId={me?.id ?? null}
            onDone={(caseId) => {
              setCurrent(null);
              void mine.refetch();
              if (caseId) navigate(`/cases/${caseId}`);
            }}
          />
        ) : (
          <Card>
            <Empty>{tr('leads.press_claim_next_lead_to_take_the_highes')}</Empty>
          </Card>
        )}
      </div>
    </div>
  );
}

/** One lead by its address (from a trace, the dashboard or the list of waiting leads). */
export function LeadPage({ id, session }: { id: string; session: Session }) {
  const { tr } = useLang();
  const ref = useReference();
  const me = useMe();
  return (
    <div>
      <p>
        <Link href="/leads">← {tr('leads.all_leads')}</Link>
      </p>
      <LeadPanel
        key={id}
        id={id}
        reference={ref}
        role={session.role}
        meId={me?.id ?? null}
        onDone={(caseId) => navigate(caseId ? `/cases/${caseId}` : '/leads')}
      />
    </div>
  );
}

function LeadPanel(props: {
  id: string;
  reference: Reference | null;
  role: Role;
  /** The caller's user id, once known: the claimer renews, releases and works the lead. */
  meId: string | null;
  onDone: (caseId: string | null) => void;
}) {
  const { tr, lang } = useLang();
  const now = useNow();
  const lead = useQuery({
    queryKey: ['lead', props.id],
    queryFn: () => get(client.GET('/api/leads/{id}', { params: { path: { id: props.id } } })),
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [reprioritising, setReprioritising] = useState(false);
  const l = lead.data;

  const act = async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
      return null;
    }
  };

  const renew = () =>
    act(async () => {
      await call(client.POST('/api/leads/{id}/renew', { params: { path: { id: props.id } } }));
      void lead.refetch();
    });
  const release = () =>
    act(async () => {
      await call(client.POST('/api/leads/{id}/release', { params: { path: { id: props.id } } }));
      props.onDone(null);
    });
  const linkTo = (caseId: string) =>
    act(async () => {
      const r = await get(
        client.POST('/api/leads/{id}/link', {
          params: { path: { id: props.id } },
          body: { caseId },
        }),
      );
      props.onDone(r.case.id);
    });
  const dismiss = async (reason: string) => {
    await call(
      client.POST('/api/leads/{id}/dismiss', {
        params: { path: { id: props.id } },
        body: { reason },
      }),
    );
    props.onDone(null);
  };

  if (lead.error) return <ErrorNote error={lead.error} />;
  if (!l) return <p className="loading">{tr('leads.loading')}</p>;
  const left = timeLeft(l.leaseExpiresAt, now);
  const lapsed = l.leaseExpiresAt ? Date.parse(l.leaseExpiresAt) <= now : true;
  const soon = l.leaseExpiresAt ? Date.parse(l.leaseExpiresAt) - now < 120_000 : false;
  const mine = l.stage === 'claimed' && !!props.meId && l.claimedBy === props.meId;
  const active = l.stage === 'open' || l.stage === 'claimed';
  const supervisor = props.role === 'supervisor';
  // Link and dismiss: the claimer or a supervisor; the priority: the same, while it is open.
  const canWork = active && (mine || supervisor);

  return (
    <div data-testid="lead-panel">
      <Card
        className={l.urgent ? 'lead-urgent' : ''}
        title={
          <>
            {l.urgent ? (
              <>
                <UrgentBadge />{' '}
              </>
            ) : null}
            {tr('leads.lead')} · {l.ward} ·{' '}
            {props.reference?.categoryLabels[l.category]?.[lang] ?? l.category}
          </>
        }
      >
        <div className="lease">
          <span data-testid="lead-priority">
            {tr('leads.priority_2')} <strong>{l.priority}</strong> ({tr('leads.now')}{' '}
            {l.effectivePriority})
          </span>
          {canWork ? (
            <button type="button" onClick={() => setReprioritising(true)}>
              {tr('leads.change_priority')}
            </button>
          ) : null}
          {l.stage === 'claimed' ? (
            <span
              className={`timer ${lapsed ? 'lapsed' : soon ? 'soon' : ''}`}
              data-testid="lease-left"
            >
              {lapsed ? tr('leads.lease_ran_out') : `${tr('leads.lease_left')} ${left}`}
            </span>
          ) : (
            <span className="badge" data-testid="lead-stage">
              {LEAD_STAGES[l.stage]?.[lang] ?? l.stage}
            </span>
          )}
          {mine ? (
            <>
              <button type="button" onClick={() => void renew()}>
                {tr('leads.renew')}
              </button>
              <button type="button" onClick={() => void release()}>
                {tr('leads.release')}
              </button>
            </>
          ) : null}
        </div>
        <ErrorNote error={error} />
        {reprioritising ? (
          <ReasonDialog
            title={tr('leads.change_the_lead_s_priority')}
            explain={tr('leads.the_priority_sets_the_order_in_which_lea')}
            confirm={tr('leads.change_priority')}
            priority={l.priority}
            conflict={tr('leads.not_changed_this_lead_has_ended_or_is_no')}
            onConfirm={async (reason, priority) => {
              await thenRefresh(
                call(
                  client.POST('/api/leads/{id}/priority', {
                    params: { path: { id: l.id } },
                    // A blank priority is left out: the API names the field.
                    body: { priority: priority as number, reason },
                  }),
                ),
                () => void lead.refetch(),
              );
            }}
            onClose={() => setReprioritising(false)}
          />
        ) : null}
      </Card>
      <Card title={`${tr('leads.tips_of_this_lead')} (${l.tipIds.length})`}>
        {l.tipIds.map((id) => (
          <TipCard
            key={id}
            id={id}
            reference={props.reference}
            role={props.role}
            onChanged={() => void lead.refetch()}
          />
        ))}
      </Card>
      <Card title={tr('leads.cases_it_may_belong_to')}>
        {l.suggestions.length ? (
          <ul className="suggestions">
            {l.suggestions.map((s) => (
              <Suggestion
                key={s.caseId}
                s={s}
                onLink={canWork ? () => void linkTo(s.caseId) : undefined}
              />
            ))}
          </ul>
        ) : (
          <Empty>{tr('leads.no_suggestions')}</Empty>
        )}
      </Card>
      {canWork ? (
        <>
          <NewCaseFromTip lead={l} reference={props.reference} onLinked={props.onDone} />
          <DismissForm onDismiss={dismiss} />
        </>
      ) : null}
    </div>
  );
}

/** The dismissal's reason: kept with the lead and in the audit log. */
function DismissForm(props: { onDismiss: (reason: string) => Promise<void> }) {
  const { tr, lang } = useLang();
  const form = useForm<{ 'dismiss-reason': string }>({ defaultValues: { 'dismiss-reason': '' } });
  const [error, setError] = useState<ApiError | null>(null);
  const submit = form.handleSubmit(async (f) => {
    setError(null);
    try {
      await props.onDismiss(f['dismiss-reason']);
    } catch (err) {
      const names = { reason: 'dismiss-reason' } as const;
      setError(setServerErrors(form, err, names, lang, tr) ? null : asApiError(err));
    }
  });
  return (
    <Card title={tr('leads.dismiss')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label={tr('leads.reason')}
          errors={errorsOf(form.formState.errors, 'dismiss-reason')}
        >
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              {...form.register('dismiss-reason', { validate: rules(tr).text(3, 1000) })}
            />
          )}
        </Field>
        <ErrorNote error={error} />
        <button type="submit" className="danger" disabled={form.formState.isSubmitting}>
          {tr('leads.dismiss_lead')}
        </button>
      </form>
    </Card>
  );
}

function Suggestion(props: { s: SuggestionView; onLink?: () => void }) {
  const { tr, lang } = useLang();
  const c = useQuery({
    queryKey: ['case', props.s.caseId],
    queryFn: () => get(client.GET('/api/cases/{id}', { params: { path: { id: props.s.caseId } } })),
  });
  return (
    <li>
      <div>
        <strong>{c.data?.title ?? props.s.caseId}</strong>{' '}
        <span className="hint">
          {tr('leads.score')} {number(props.s.score, lang, 2)}
        </span>
        <ul className="reasons" data-testid="suggestion-reasons">
          {reasonList(props.s.reasonDetails, props.s.reasons, lang).map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      </div>
      {props.onLink ? (
        <button type="button" onClick={props.onLink}>
          {tr('leads.link_to_this_case')}
        </button>
      ) : null}
    </li>
  );
}

/**
 * The new-case form, once the lead's first tip is known: the case happened when the tip says it
 * did (or when the tip came in), not when the form is opened.
 */
function NewCaseFromTip(props: {
  lead: LeadView;
  reference: Reference | null;
  onLinked: (caseId: string) => void;
}) {
  const first = props.lead.tipIds[0];
  const tip = useQuery({
    queryKey: ['tip', first],
    queryFn: () => get(client.GET('/api/tips/{id}', { params: { path: { id: first } } })),
    enabled: !!first,
  });
  // The pickers need the reference lists to show the defaults they hold.
  if ((first && tip.isPending && !tip.error) || !props.reference) return null;
  const at = tip.data?.occurredAt ?? tip.data?.receivedAt;
  return <NewCaseForm {...props} occurredAt={at ? isoToInput(at) : nowForInput()} />;
}

/** By the inputs' names (react-hook-form finds a field by its name). */
interface NewCaseValues {
  'case-title': string;
  'case-kind': string;
  'case-severity': string;
  'case-category': string;
  'case-ward': string;
  'case-occurred': string;
}

/** The API's names for the new-case form's fields (under `newCase`), in the form's order. */
const NEW_CASE_FIELDS: Record<string, keyof NewCaseValues> = {
  'newCase.title': 'case-title',
  'newCase.kind': 'case-kind',
  'newCase.severity': 'case-severity',
  'newCase.category': 'case-category',
  'newCase.ward': 'case-ward',
  'newCase.occurredAt': 'case-occurred',
};

function NewCaseForm(props: {
  lead: LeadView;
  reference: Reference | null;
  occurredAt: string;
  onLinked: (caseId: string) => void;
}) {
  const { tr, lang } = useLang();
  const ref = props.reference;
  const form = useForm<NewCaseValues>({
    defaultValues: {
      'case-title': '',
      'case-kind': 'criminal',
      'case-severity': 'less_serious',
      'case-category': props.lead.category,
      'case-ward': props.lead.ward,
      // The tip's time (NewCaseFromTip), not the time the form was opened.
      'case-occurred': props.occurredAt,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const [error, setError] = useState<ApiError | null>(null);
  const rule = rules(tr);
  const fe = (name: keyof NewCaseValues) => errorsOf(errors, name);

  const submit = form.handleSubmit(async (f) => {
    setError(null);
    try {
      const r = await get(
        client.POST('/api/leads/{id}/link', {
          params: { path: { id: props.lead.id } },
          body: {
            newCase: {
              title: f['case-title'],
              // The pickers offer the reference lists only; the API answers 400 to anything else.
              kind: f['case-kind'] as Schemas['CaseKind'],
              category: f['case-category'] as Schemas['Category'],
              severity: f['case-severity'] as Schemas['Severity'],
              ward: f['case-ward'] as Ward,
              occurredAt: localInputToIso(f['case-occurred']) ?? '',
            },
          },
        }),
      );
      props.onLinked(r.case.id);
    } catch (err) {
      setError(setServerErrors(form, err, NEW_CASE_FIELDS, lang, tr) ? null : asApiError(err));
    }
  });

  return (
    <Card title={tr('leads.open_a_new_case_from_this_lead')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={tr('leads.title')} errors={fe('case-title')}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              {...form.register('case-title', { validate: rule.text(3, 300) })}
            />
          )}
        </Field>
        <div className="row">
          <Field label={tr('leads.kind')} errors={fe('case-kind')}>
            {(id, d) => (
              <select id={id} aria-describedby={d} {...form.register('case-kind')}>
                {(ref?.caseKinds ?? ['criminal', 'administrative']).map((k) => (
                  <option key={k} value={k}>
                    {label(CASE_KINDS, k, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={tr('leads.severity')} errors={fe('case-severity')}>
            {(id, d) => (
              <select id={id} aria-describedby={d} {...form.register('case-severity')}>
                {(ref?.severities ?? []).map((s) => (
                  <option key={s} value={s}>
                    {label(SEVERITIES, s, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={tr('leads.category')} errors={fe('case-category')}>
            {(id, d) => (
              <select id={id} aria-describedby={d} {...form.register('case-category')}>
                {(ref?.categories ?? []).map((c) => (
                  <option key={c} value={c}>
                    {ref?.categoryLabels[c]?.[lang] ?? c}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="row">
          <Field label={tr('leads.ward')} errors={fe('case-ward')}>
            {(id, d) => (
              <select id={id} aria-describedby={d} {...form.register('case-ward')}>
                {(ref?.wards ?? []).map((w) => (
                  <option key={w} value={w}>
                    {w}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <FormDateTimeField
            control={form.control}
            name="case-occurred"
            label={tr('leads.occurred_at')}
            validate={rule.pastTime()}
          />
        </div>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={isSubmitting}>
          {tr('leads.open_the_case_and_link_the_lead')}
        </button>
      </form>
    </Card>
  );
}
