import { Client } from 'pg';
import { ApiClient, ProcessStack, userWithRole, waitFor } from '@tools/stack';
import { newTip, testStack, TestStack } from '@app/testing';

interface Report {
  asOf: string;
  withinDays: number;
  overdue: number;
  dueSoon: number;
  byWard: { ward: string; overdue: number; dueSoon: number }[];
}

/**
 * The supervisor's view of the legal clock: undecided tips past their decision deadline, and
 * those falling due soon, per ward, judged now; decided tips do not count.
 */
describe('GET /api/reports/deadlines', () => {
  let stack: ProcessStack;
  let t: TestStack | undefined;
  let op: ApiClient;
  let sup: ApiClient;
  let inv: ApiClient;
  let db: Client;

  const submit = async (ward: string, description: string): Promise<string> =>
    (await op.must<{ id: string }>('POST', '/api/tips', newTip({ ward, description }), [202])).body
      .id;
  const onLead = (id: string) =>
    waitFor(async () => {
      const r = await db.query<{ stage: string }>(`SELECT stage FROM tips WHERE id = $1`, [id]);
      return r.rows[0]?.stage === 'lead_open' ? true : undefined;
    }, 20_000);
  const dueIn = (id: string, days: number) =>
    db.query(`UPDATE tips SET decision_due_at = now() + make_interval(days => $2) WHERE id = $1`, [
      id,
      days,
    ]);

  beforeAll(async () => {
    t = await testStack('deadlines_report', (s) => s.startAll(), {
      env: { JOB_BACKOFF_MS: '100' },
    });
    ({ stack, db } = t);
    [op, sup, inv] = await Promise.all([
      userWithRole(stack.baseUrl, 'operator'),
      userWithRole(stack.baseUrl, 'supervisor'),
      userWithRole(stack.baseUrl, 'investigator'),
    ]);
  });

  afterAll(() => t?.cleanup());

  it('counts undecided tips overdue and due within the window, by ward', async () => {
    const late = await submit('Phường 1', 'Nhà số 12 Đoàn Văn Bơ có người bán ma túy đá mỗi tối.');
    const soon = await submit(
      'Phường 1',
      'Xe máy biển số 59X1-234.56 bị trộm trước chợ Xóm Chiếu.',
    );
    const later = await submit(
      'Phường 2',
      'Nhóm thanh niên đánh bạc trong hẻm 45 Tôn Đản mỗi tối.',
    );
    const decided = await submit('Phường 2', 'Quán karaoke số 88 Khánh Hội mở nhạc quá khuya.');
    for (const id of [late, soon, later, decided]) await onLead(id);
    await dueIn(late, -2);
    await dueIn(soon, 3);
    await dueIn(later, 30);
    await dueIn(decided, -5);
    // A dismissed tip's deadline is met: it counts nowhere.
    await db.query(`UPDATE tips SET stage = 'dismissed', dismissed_at = now() WHERE id = $1`, [
      decided,
    ]);

    const week = (await sup.must<Report>('GET', '/api/reports/deadlines')).body;
    expect(week.withinDays).toBe(7);
    expect(week.byWard).toHaveLength(13);
    const w = (r: Report, ward: string) => r.byWard.find((x) => x.ward === ward);
    expect(w(week, 'Phường 1')).toEqual({ ward: 'Phường 1', overdue: 1, dueSoon: 1 });
    expect(w(week, 'Phường 2')).toEqual({ ward: 'Phường 2', overdue: 0, dueSoon: 0 });
    expect([week.overdue, week.dueSoon]).toEqual([1, 1]);

    const month = (await sup.must<Report>('GET', '/api/reports/deadlines?days=31')).body;
    expect(w(month, 'Phường 2')).toEqual({ ward: 'Phường 2', overdue: 0, dueSoon: 1 });
    expect([month.overdue, month.dueSoon]).toEqual([1, 2]);
  });

  it('refuses a bad window with 400 and other roles with 403', async () => {
    const bad = await sup.call<{ errors?: unknown }>('GET', '/api/reports/deadlines?days=0');
    expect(bad.status).toBe(400);
    expect((await sup.call('GET', '/api/reports/deadlines?days=61')).status).toBe(400);
    expect((await inv.call('GET', '/api/reports/deadlines')).status).toBe(403);
    expect((await op.call('GET', '/api/reports/deadlines')).status).toBe(403);
  });
});
