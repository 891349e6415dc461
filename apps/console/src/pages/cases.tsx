import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { TipCard } from '../components/tip-card';
import { FormDateTimeField } from '../components/date-time-field';
import { Card, Empty, ErrorNote, Field } from '../components/ui';
import { useQuery } from '@tanstack/react-query';
import { ApiError, call, client, get, newKey } from '../lib/api';
import { asApiError, errorsOf, rules, setServerErrors } from '../lib/forms';
import { dateTime, isoToInput, localInputToIso, nowForInput } from '../lib/format';
import { useReference } from '../lib/hooks';
import { CASE_KINDS, label, SEVERITIES, useLang } from '../lib/i18n';
import { Link } from '../lib/router';
import type { Session } from '../lib/session';
import './cases.css';

export function CasesPage() {
  const { tr, lang } = useLang();
  const ref = useReference();
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const cases = useQuery({
    queryKey: ['cases', status],
    queryFn: () => get(client.GET('/api/cases', { params: { query: { status, limit: 100 } } })),
  });
  return (
    <Card title={tr('cases.cases')}>
      <div className="filters">
        <label>
          {tr('cases.status')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'resolved')}>
            <option value="open">{tr('cases.open')}</option>
            <option value="resolved">{tr('cases.resolved')}</option>
          </select>
        </label>
      </div>
      <ErrorNote error={cases.error} />
      {cases.data?.items.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>{tr('cases.case')}</th>
              <th>{tr('cases.ward')}</th>
              <th>{tr('cases.category')}</th>
              <th>{tr('cases.severity')}</th>
              <th>{tr('cases.tips')}</th>
              <th>{tr('cases.arrests')}</th>
              <th>{tr('cases.opened')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.data.items.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={`/cases/${c.id}`}>{c.title}</Link>
                </td>
                <td>{c.ward}</td>
                <td>{ref?.categoryLabels[c.category]?.[lang] ?? c.category}</td>
                <td>{label(SEVERITIES, c.severity, lang)}</td>
                <td className="num">{c.tipIds.length}</td>
                <td className="num">{c.arrests.length}</td>
                <td>{dateTime(c.createdAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Empty>{tr('cases.no_cases')}</Empty>
      )}
    </Card>
  );
}

/** A case: its tips (with the tipster threads), arrests (add), resolution. */
export function CasePage({ id }: { id: string; session: Session }) {
  const { tr, lang } = useLang();
  const ref = useReference();
  const c = useQuery({
    queryKey: ['case', id],
    queryFn: () => get(client.GET('/api/cases/{id}', { params: { path: { id } } })),
  });
  const [error, setError] = useState<ApiError | null>(null);
  const data = c.data;

  const resolve = async (resolution: 'solved' | 'unfounded') => {
    setError(null);
    try {
      await call(
        client.POST('/api/cases/{id}/resolve', { params: { path: { id } }, body: { resolution } }),
      );
      void c.refetch();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    }
  };

  if (c.error) return <ErrorNote error={c.error} />;
  if (!data) return <p className="loading">{tr('cases.loading')}</p>;
  return (
    <div className="two-col" data-testid="case-page">
      <div>
        <Card title={data.title}>
          <dl className="facts">
            <dt>{tr('cases.kind')}</dt>
            <dd>{label(CASE_KINDS, data.kind, lang)}</dd>
            <dt>{tr('cases.severity')}</dt>
            <dd>{label(SEVERITIES, data.severity, lang)}</dd>
            <dt>{tr('cases.category')}</dt>
            <dd>{ref?.categoryLabels[data.category]?.[lang] ?? data.category}</dd>
            <dt>{tr('cases.ward')}</dt>
            <dd>{data.ward}</dd>
            <dt>{tr('cases.occurred')}</dt>
            <dd>{dateTime(data.occurredAt, lang)}</dd>
            <dt>{tr('cases.status')}</dt>
            <dd data-testid="case-status">
              {data.status === 'open'
                ? tr('cases.open')
                : data.resolution === 'solved'
                  ? tr('cases.resolved_solved')
                  : tr('cases.resolved_unfounded')}
            </dd>
          </dl>
          {data.status === 'open' ? (
            <div className="actions">
              <button type="button" className="primary" onClick={() => void resolve('solved')}>
                {tr('cases.resolve_solved')}
              </button>
              <button type="button" onClick={() => void resolve('unfounded')}>
                {tr('cases.resolve_unfounded')}
              </button>
            </div>
          ) : null}
          <ErrorNote error={error} />
        </Card>
        <Card title={`${tr('cases.arrests')} (${data.arrests.length})`}>
          {data.arrests.length ? (
            <table className="table" data-testid="arrests">
              <thead>
                <tr>
                  <th>{tr('cases.person')}</th>
                  <th>{tr('cases.charge')}</th>
                  <th>{tr('cases.at')}</th>
                </tr>
              </thead>
              <tbody>
                {data.arrests.map((a) => (
                  <tr key={a.id}>
                    <td>{a.personName}</td>
                    <td>{a.charge ?? ''}</td>
                    <td>{dateTime(a.arrestedAt, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>{tr('cases.none_yet')}</Empty>
          )}
          {data.status === 'open' ? (
            <ArrestForm caseId={id} occurredAt={data.occurredAt} onAdded={() => void c.refetch()} />
          ) : null}
        </Card>
      </div>
      <Card title={`${tr('cases.tips_of_this_case')} (${data.tipIds.length})`}>
        {data.tipIds.map((t) => (
          <TipCard key={t} id={t} reference={ref} />
        ))}
      </Card>
    </div>
  );
}

/**
 * Now as the default arrest time, but never before the case's own time (a case dated from a tip
 * of the last minute would otherwise refuse its arrest): the input holds whole minutes, so the
 * case's time is rounded up to its minute.
 */
function arrestDefault(occurredAt: string): string {
  const now = nowForInput();
  const floor = isoToInput(
    new Date(Math.ceil(Date.parse(occurredAt) / 60_000) * 60_000).toISOString(),
  );
  return floor > now ? floor : now;
}

/** By the inputs' names (react-hook-form finds a field by its name). */
interface ArrestValues {
  'arrest-person': string;
  'arrest-charge': string;
  'arrest-at': string;
}

/** The API's names for the arrest form's fields, in the form's order. */
const ARREST_FIELDS: Record<string, keyof ArrestValues> = {
  personName: 'arrest-person',
  charge: 'arrest-charge',
  arrestedAt: 'arrest-at',
};

function ArrestForm({
  caseId,
  occurredAt,
  onAdded,
}: {
  caseId: string;
  occurredAt: string;
  onAdded: () => void;
}) {
  const { tr, lang } = useLang();
  const empty = (): ArrestValues => ({
    'arrest-person': '',
    'arrest-charge': '',
    'arrest-at': arrestDefault(occurredAt),
  });
  const form = useForm<ArrestValues>({ defaultValues: empty() });
  const { errors, isSubmitting } = form.formState;
  const [error, setError] = useState<ApiError | null>(null);
  const rule = rules(tr);
  // The same arrest sent twice (a retry) is recorded once.
  const key = useRef(newKey());
  const submit = form.handleSubmit(async (f) => {
    setError(null);
    try {
      await call(
        client.POST('/api/cases/{id}/arrests', {
          params: { path: { id: caseId }, header: { 'Idempotency-Key': key.current } },
          body: {
            personName: f['arrest-person'],
            ...(f['arrest-charge'].trim() ? { charge: f['arrest-charge'].trim() } : {}),
            arrestedAt: localInputToIso(f['arrest-at']) ?? '',
          },
        }),
      );
      key.current = newKey();
      form.reset(empty());
      onAdded();
    } catch (err) {
      setError(setServerErrors(form, err, ARREST_FIELDS, lang, tr) ? null : asApiError(err));
    }
  });
  const fe = (name: keyof ArrestValues) => errorsOf(errors, name);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="arrest-form">
      <h3>{tr('cases.record_an_arrest')}</h3>
      <div className="row">
        <Field label={tr('cases.person_arrested')} errors={fe('arrest-person')}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              {...form.register('arrest-person', { validate: rule.text(1, 200) })}
            />
          )}
        </Field>
        <Field label={tr('cases.charge')} errors={fe('arrest-charge')}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              {...form.register('arrest-charge', { validate: rule.text(0, 300, true) })}
            />
          )}
        </Field>
        <FormDateTimeField
          control={form.control}
          name="arrest-at"
          label={tr('cases.at')}
          validate={rule.pastTime(false, occurredAt)}
        />
      </div>
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={isSubmitting}>
        {tr('cases.record_arrest')}
      </button>
    </form>
  );
}
