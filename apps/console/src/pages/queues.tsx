import { Card, Empty, ErrorNote } from '../components/ui';
import { useQuery } from '@tanstack/react-query';
import { client, get } from '../lib/api';
import { dateTime, duration, number } from '../lib/format';
import { useLang } from '../lib/i18n';

/** Queue depth, failures, dead letters and the outbox backlog (GET /api/ops/queues, every 5 s). */
export function QueuesPage() {
  const { L, lang } = useLang();
  const h = useQuery({
    queryKey: ['queues'],
    queryFn: () => get(client.GET('/api/ops/queues')),
    refetchInterval: 5000,
  });
  const d = h.data;
  return (
    <div>
      <Card title={L('Tình trạng hàng đợi', 'Queue health')}>
        <ErrorNote error={h.error} />
        {d ? (
          <>
            <table className="table" data-testid="queues">
              <thead>
                <tr>
                  <th>{L('Hàng đợi', 'Queue')}</th>
                  <th className="num">{L('Đang chờ', 'Waiting')}</th>
                  <th className="num">{L('Đang xử lý', 'Active')}</th>
                  <th className="num">{L('Hẹn lại', 'Delayed')}</th>
                  <th className="num">{L('Lỗi', 'Failed')}</th>
                  <th className="num">{L('Thư chết', 'Dead letters')}</th>
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
              {L('Hộp thư đi (outbox) chưa chuyển', 'Outbox not yet moved onto queues')}:{' '}
              <strong>{number(d.outbox.pending, lang)}</strong>
              {d.outbox.oldestSeconds !== null
                ? ` · ${L('cũ nhất', 'oldest')} ${duration(d.outbox.oldestSeconds, lang)}`
                : ''}
            </p>
            <p className="hint">
              {L('Cập nhật lúc', 'As of')} {dateTime(d.at, lang)}
            </p>
          </>
        ) : null}
      </Card>
      <Card title={L('Thư chết gần đây', 'Recent dead letters')}>
        {d?.recentDeadLetters.length ? (
          <table className="table small">
            <thead>
              <tr>
                <th>{L('Lúc', 'At')}</th>
                <th>{L('Hàng đợi', 'Queue')}</th>
                <th>{L('Công việc', 'Job')}</th>
                <th>{L('Số lần thử', 'Attempts')}</th>
                <th>{L('Lỗi', 'Error')}</th>
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
          <Empty>{L('Không có thư chết.', 'No dead letters.')}</Empty>
        )}
      </Card>
    </div>
  );
}
