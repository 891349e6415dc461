import { Card, Empty, ErrorNote } from '../components/ui';
import { useQuery } from '@tanstack/react-query';
import { client, get } from '../lib/api';
import { dateTime, duration, number } from '../lib/format';
import { useLang } from '../lib/i18n';

/** Queue depth, failures, dead letters and the outbox backlog (GET /api/ops/queues, every 5 s). */
export function QueuesPage() {
  const { tr, lang } = useLang();
  const h = useQuery({
    queryKey: ['queues'],
    queryFn: () => get(client.GET('/api/ops/queues')),
    refetchInterval: 5000,
  });
  const d = h.data;
  return (
    <div>
      <Card title={tr('queues.queue_health')}>
        <ErrorNote error={h.error} />
        {d ? (
          <>
            <table className="table" data-testid="queues">
              <thead>
                <tr>
                  <th>{tr('queues.queue')}</th>
                  <th className="num">{tr('queues.waiting')}</th>
                  <th className="num">{tr('queues.active')}</th>
                  <th className="num">{tr('queues.delayed')}</th>
                  <th className="num">{tr('queues.failed')}</th>
                  <th className="num">{tr('queues.dead_letters')}</th>
                </tr>
              </thead>
              <tbody>
                {d.queues.map((q) => (
                  <tr key={q.name} className={q.deadLetters || q.failed ? 'warn' : ''}>
                    <td>{q.name}</td>
                    <td className="num">{number(q.waiting, lang)}</td>
                    <td className="num">{number(q.active, lang)}</td>
                    <td className="num">{number(q.delayed, lang)}</td>
                    <td className="num">{number(q.failed, lang)}</td>
                    <td className="num">{number(q.deadLetters, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              {tr('queues.outbox_not_yet_moved_onto_queues')}:{' '}
              <strong>{number(d.outbox.pending, lang)}</strong>
              {d.outbox.oldestSeconds !== null
                ? ` · ${tr('queues.oldest')} ${duration(d.outbox.oldestSeconds, lang)}`
                : ''}
            </p>
            <p className="hint">
              {tr('queues.as_of')} {dateTime(d.at, lang)}
            </p>
          </>
        ) : null}
      </Card>
      <Card title={tr('queues.recent_dead_letters')}>
        {d?.recentDeadLetters.length ? (
          <table className="table small">
            <thead>
              <tr>
                <th>{tr('queues.at')}</th>
                <th>{tr('queues.queue')}</th>
                <th>{tr('queues.job')}</th>
                <th>{tr('queues.attempts')}</th>
                <th>{tr('queues.error')}</th>
              </tr>
            </thead>
            <tbody>
              {d.recentDeadLetters.map((x) => (
                <tr key={`${x.queue}:${x.jobId}`}>
                  <td>{dateTime(x.failedAt, lang)}</td>
                  <td>{x.queue}</td>
                  <td className="mono">{x.jobId}</td>
                  <td className="num">{x.attempts}</td>
                  <td>{x.error}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty>{tr('queues.no_dead_letters')}</Empty>
        )}
      </Card>
    </div>
  );
}
