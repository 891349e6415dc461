import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Card, Empty, ErrorNote } from '../components/ui';
import { ApiError, client, get } from '../lib/api';
import { dateTime, dayStart, nextDay } from '../lib/format';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, EVENTS, label, ROLES, useLang } from '../lib/i18n';
import type { operations } from '../lib/api-schema';
import type { AuditVerification, AuditView } from '../lib/types';

type AuditQuery = NonNullable<operations['AuditController_list']['parameters']['query']>;

interface AuditFilter {
  entityType: string;
  entityId: string;
  actor: string;
  /** Local days (`YYYY-MM-DD`), both included. */
  from: string;
  to: string;
}

const ENTITY_TYPES = ['tip', 'lead', 'case', 'user', 'tipster', 'message', 'report', 'system'];

/** The append-only audit log, filtered and paged, and the hash chain's verification. */
export function AuditPage() {
  const { tr, lang } = useLang();
  // An action's words from the catalogue; a tip's recorded events (`tip.<event>`) by the event.
  const auditAction = (action: string) => {
    const named = label(AUDIT_ACTIONS, action, lang);
    if (named !== action || !action.startsWith('tip.')) return named;
    const event = label(EVENTS, action.slice(4), lang);
    return event === action.slice(4) ? action : tr('audit.tip_event', { event });
  };
  const form = useForm<AuditFilter>({
    defaultValues: { entityType: '', entityId: '', actor: '', from: '', to: '' },
  });
  const [items, setItems] = useState<AuditView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [verify, setVerify] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);

  const load = async (after: string | null) => {
    setError(null);
    const filter = form.getValues();
    try {
      const query = {
        entityType: (filter.entityType || undefined) as AuditQuery['entityType'],
        entityId: filter.entityId.trim() || undefined,
        actor: filter.actor.trim() || undefined,
        from: filter.from ? dayStart(filter.from) : undefined,
        to: filter.to ? dayStart(nextDay(filter.to)) : undefined,
        limit: 50,
        cursor: after ?? undefined,
      };
      const page = await get(client.GET('/api/audit', { params: { query } }));
      setItems((old) => (after ? [...old, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setLoaded(true);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    }
  };

  const search = form.handleSubmit(() => load(null));

  const runVerify = async () => {
    setVerifying(true);
    setError(null);
    try {
      setVerify(await get(client.GET('/api/audit/verify')));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    } finally {
      setVerifying(false);
    }
  };

  useEffect(() => {
    void load(null);
    // Once, on opening: later loads follow the filter form.
  }, []);

  return (
    <div>
      <Card title={tr('audit.verify_the_hash_chain')}>
        <div className="actions">
          <button
            type="button"
            className="primary"
            onClick={() => void runVerify()}
            disabled={verifying}
          >
            {tr('audit.verify_the_whole_log')}
          </button>
          {verify ? (
            <span className={verify.valid ? 'ok' : 'bad'} data-testid="audit-verify" role="status">
              {verify.valid
                ? tr('audit.valid', { entries: verify.entries })
                : tr('audit.not_valid', {
                    at: verify.brokenAt ?? '?',
                    problem: verify.problem ?? '',
                  })}
              {verify.unsealed ? tr('audit.unsealed', { count: verify.unsealed }) : ''}
            </span>
          ) : null}
        </div>
      </Card>
      <Card title={tr('audit.audit_log')}>
        <form className="filters" onSubmit={(e) => void search(e)}>
          <label>
            {tr('audit.entity')}{' '}
            <select {...form.register('entityType')}>
              <option value="">{tr('audit.all')}</option>
              {ENTITY_TYPES.map((t) => (
                <option key={t} value={t}>
                  {tr(`audit.entity_type.${t}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {tr('audit.id')} <input {...form.register('entityId')} />
          </label>
          <label>
            {tr('audit.actor')} <input {...form.register('actor')} />
          </label>
          <label>
            {tr('audit.from')} <input type="date" {...form.register('from')} />
          </label>
          <label>
            {tr('audit.to')} <input type="date" {...form.register('to')} />
          </label>
          <button type="submit">{tr('audit.filter')}</button>
        </form>
        <ErrorNote error={error} />
        {items.length ? (
          <table className="table small" data-testid="audit-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{tr('audit.at')}</th>
                <th>{tr('audit.actor')}</th>
                <th>{tr('audit.role')}</th>
                <th>{tr('audit.action')}</th>
                <th>{tr('audit.entity_2')}</th>
                <th>{tr('audit.outcome')}</th>
                <th>{tr('audit.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td className="num">{a.id}</td>
                  <td>{dateTime(a.at, lang)}</td>
                  {/* The username, whether the entry names the user by id (reads) or by name. */}
                  <td className="mono" title={a.actor ?? undefined}>
                    {a.actorName ?? a.actor ?? ''}
                  </td>
                  <td>{label(ROLES, a.role, lang)}</td>
                  <td title={a.action}>{auditAction(a.action)}</td>
                  <td title={a.entityType}>
                    {ENTITY_TYPES.includes(a.entityType)
                      ? tr(`audit.entity_type.${a.entityType}`)
                      : a.entityType}
                    {a.entityId ? <span className="mono"> {a.entityId.slice(0, 8)}</span> : ''}
                  </td>
                  <td>{label(AUDIT_OUTCOMES, a.outcome, lang)}</td>
                  <td>{a.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : loaded ? (
          <Empty>{tr('audit.no_entries')}</Empty>
        ) : null}
        {cursor ? (
          <button type="button" onClick={() => void load(cursor)}>
            {tr('audit.more')}
          </button>
        ) : null}
      </Card>
    </div>
  );
}
