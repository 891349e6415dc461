import { useState } from 'react';
import { FunnelChart, FUNNEL_STEPS } from '../components/funnel-chart';
import { Card, Empty, ErrorNote, UrgentBadge } from '../components/ui';
import { useQuery } from '@tanstack/react-query';
import { client, get } from '../lib/api';
import { dateTime, dayStart, duration, isoDay, nextDay, number } from '../lib/format';
import { useReference } from '../lib/hooks';
import { useNotificationArrivals } from '../lib/notifications';
import { useLang } from '../lib/i18n';
import { Link } from '../lib/router';
import type { Ward } from '../lib/types';
import './dashboard.css';

type Preset = 'today' | '7d' | '30d' | 'year' | '2023';

function presetRange(p: Preset): { from: string; to: string } {
  const today = new Date();
  const t = isoDay(today);
  const back = (days: number) =>
    isoDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - days));
  switch (p) {
    case 'today':
      return { from: t, to: t };
    case '7d':
      return { from: back(6), to: t };
    case '30d':
      return { from: back(29), to: t };
    case 'year':
      return { from: `${today.getFullYear()}-01-01`, to: t };
    case '2023':
      return { from: '2023-01-01', to: '2023-12-31' };
  }
}

/** The funnel for a period (whole local days, `to` included) and ward, refreshed every 5 s. */
export function DashboardPage() {
  const { tr, lang } = useLang();
  const ref = useReference();
  const [range, setRange] = useState(presetRange('30d'));
  const [ward, setWard] = useState('');
  const [live, setLive] = useState(true);
  const funnel = useQuery({
    queryKey: ['funnel', range.from, range.to, ward],
    queryFn: () =>
      get(
        client.GET('/api/reports/funnel', {
          params: {
            query: {
              from: dayStart(range.from),
              to: dayStart(nextDay(range.to)),
              ...(ward ? { ward: ward as Ward } : {}),
            },
          },
        }),
      ),
    refetchInterval: live ? 5000 : false,
    placeholderData: (previous) => previous,
  });
  const f = funnel.data;
  const presets: [Preset, string][] = [
    ['today', tr('dashboard.today')],
    ['7d', tr('dashboard.7_days')],
    ['30d', tr('dashboard.30_days')],
    ['year', tr('dashboard.this_year')],
    ['2023', '2023'],
  ];

  return (
    <div className="dashboard">
      <Card title={tr('dashboard.tip_funnel')}>
        <div className="filters">
          <div className="presets" role="group" aria-label={tr('dashboard.period')}>
            {presets.map(([p, text]) => (
              <button key={p} type="button" onClick={() => setRange(presetRange(p))}>
                {text}
              </button>
            ))}
          </div>
          <label>
            {tr('dashboard.from')}{' '}
            <input
              type="date"
              name="from"
              value={range.from}
              onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })}
            />
          </label>
          <label>
            {tr('dashboard.to_inclusive')}{' '}
            <input
              type="date"
              name="to"
              value={range.to}
              onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })}
            />
          </label>
          <label>
            {tr('dashboard.ward')}{' '}
            <select name="ward" value={ward} onChange={(e) => setWard(e.target.value)}>
              <option value="">{tr('dashboard.all')}</option>
              {ref?.wards.map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} />{' '}
            {tr('dashboard.live_5_s')}
          </label>
        </div>
        <ErrorNote error={funnel.error} />
        {f ? (
          <div className="funnel-wrap">
            <FunnelChart funnel={f} />
            <dl className="stats">
              <dt>{tr('dashboard.duplicates')}</dt>
              <dd>{number(f.tipsDuplicate, lang)}</dd>
              <dt>{tr('dashboard.rejected_junk_or_by_an_officer')}</dt>
              <dd>{number(f.tipsRejected, lang)}</dd>
              <dt>
                <Link href="/review">{tr('dashboard.waiting_for_review')}</Link>
              </dt>
              <dd data-testid="tips-needing-review">
                {f.tipsNeedingReview === undefined ? '—' : number(f.tipsNeedingReview, lang)}
              </dd>
              <dt>{tr('dashboard.median_time_to_triage')}</dt>
              <dd data-testid="median-triage">{duration(f.medianSecondsToTriage, lang)}</dd>
              <dt>{tr('dashboard.median_time_to_claim')}</dt>
              <dd data-testid="median-claim">{duration(f.medianSecondsToClaim, lang)}</dd>
            </dl>
          </div>
        ) : null}
        <p className="hint">{tr('dashboard.report_figures_may_lag_the_work_by_a_few')}</p>
      </Card>
      <UrgentLeads />
      <Deadlines />
      <Card title={tr('dashboard.by_ward')}>
        {f ? (
          <table className="table" data-testid="by-ward">
            <thead>
              <tr>
                <th>{tr('dashboard.ward')}</th>
                {FUNNEL_STEPS.map((s) => (
                  <th key={s.key} className="num">
                    {tr(`funnel.${s.key}`)}
                  </th>
                ))}
                <th className="num">{tr('dashboard.median_to_triage')}</th>
                <th className="num">{tr('dashboard.median_to_claim')}</th>
              </tr>
            </thead>
            <tbody>
              {f.byWard.map((w) => (
                <tr key={w.ward}>
                  <td>{w.ward}</td>
                  {FUNNEL_STEPS.map((s) => (
                    <td key={s.key} className="num">
                      {number(Number(w[s.key] ?? 0), lang)}
                    </td>
                  ))}
                  <td className="num">{duration(w.medianSecondsToTriage, lang)}</td>
                  <td className="num">{duration(w.medianSecondsToClaim, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Card>
    </div>
  );
}

/**
 * Urgent leads not yet linked or dismissed: who holds them, and those nobody has claimed yet
 * first. Read from the lead lists at once when a notification says an urgent lead opened, was
 * left unclaimed or came back, and every 30 s (claims are not notified).
 */
function UrgentLeads() {
  const { tr, lang } = useLang();
  const ref = useReference();
  const leads = useQuery({
    queryKey: ['leads', 'urgent'],
    queryFn: async () => {
      const [open, claimed] = await Promise.all(
        (['open', 'claimed'] as const).map((stage) =>
          get(client.GET('/api/leads', { params: { query: { stage, limit: 100 } } })),
        ),
      );
      return [...open.items, ...claimed.items].filter((l) => l.urgent);
    },
    refetchInterval: 30_000,
  });
  useNotificationArrivals(['urgent_lead', 'urgent_unclaimed', 'lead_reopened'], () => {
    void leads.refetch();
  });
  return (
    <Card title={tr('dashboard.urgent_leads')}>
      <ErrorNote error={leads.error} />
      {leads.data?.length ? (
        <table className="table" data-testid="urgent-leads">
          <thead>
            <tr>
              <th>{tr('dashboard.lead')}</th>
              <th>{tr('dashboard.stage')}</th>
              <th>{tr('dashboard.opened')}</th>
              <th className="num">{tr('dashboard.priority')}</th>
            </tr>
          </thead>
          <tbody>
            {leads.data.map((l) => (
              <tr key={l.id} className={l.stage === 'open' ? 'warn' : ''}>
                <td>
                  <UrgentBadge />{' '}
                  <Link href={`/leads/${l.id}`}>
                    {l.ward} · {ref?.categoryLabels[l.category]?.[lang] ?? l.category}
                  </Link>
                </td>
                <td>
                  {l.stage === 'open'
                    ? tr('dashboard.not_claimed_yet')
                    : tr('dashboard.being_worked')}
                </td>
                <td>{dateTime(l.openedAt, lang)}</td>
                <td className="num">{l.effectivePriority}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : leads.data ? (
        <Empty>{tr('dashboard.no_urgent_lead_is_open')}</Empty>
      ) : null}
    </Card>
  );
}

/**
 * The legal clock by ward: undecided tips past their decision deadline, and those due within the
 * next 7 days (Criminal Procedure Code: 20 days from receipt, extendable). Read every 60 s.
 */
function Deadlines() {
  const { tr, lang } = useLang();
  const report = useQuery({
    queryKey: ['deadlines'],
    queryFn: () => get(client.GET('/api/reports/deadlines', { params: { query: { days: 7 } } })),
    refetchInterval: 60_000,
  });
  useNotificationArrivals(['deadline_near', 'deadline_missed'], () => {
    void report.refetch();
  });
  const r = report.data;
  const busy = r?.byWard.filter((w) => w.overdue > 0 || w.dueSoon > 0) ?? [];
  return (
    <Card title={tr('dashboard.decision_deadlines')}>
      <ErrorNote error={report.error} />
      {r ? (
        <>
          <p data-testid="deadline-totals">
            <strong className={r.overdue > 0 ? 'overdue' : ''}>
              {tr('dashboard.overdue')}: {number(r.overdue, lang)}
            </strong>
            {' · '}
            {tr('dashboard.due_within_7_days')}: {number(r.dueSoon, lang)}
          </p>
          {busy.length ? (
            <table className="table" data-testid="deadlines-by-ward">
              <thead>
                <tr>
                  <th>{tr('dashboard.ward')}</th>
                  <th className="num">{tr('dashboard.overdue')}</th>
                  <th className="num">{tr('dashboard.due_within_7_days')}</th>
                </tr>
              </thead>
              <tbody>
                {busy.map((w) => (
                  <tr key={w.ward} className={w.overdue > 0 ? 'warn' : ''}>
                    <td>{w.ward}</td>
                    <td className="num">{number(w.overdue, lang)}</td>
                    <td className="num">{number(w.dueSoon, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>{tr('dashboard.no_ward_has_a_tip_overdue_or_due_this_we')}</Empty>
          )}
          <p className="hint">{tr('dashboard.tips_not_yet_decided_not_linked_to_a_cas')}</p>
        </>
      ) : null}
    </Card>
  );
}
