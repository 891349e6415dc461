import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QueueName } from '@app/contracts';
import { ApiClient, ProcessStack, userWithRole, waitFor } from '@tools/stack';
import { newTestEnv, newTip, TestEnv } from '@app/testing';

interface TipBody {
  id: string;
  stage: string;
  leadId: string | null;
  triage: { priority: number; reasons: string[]; duplicateOf: string | null } | null;
  triagedAt: string | null;
  leadOpenAt: string | null;
}

/** A tip's whole path through the real processes: API → dispatcher → triage → dispatcher → linkage. */
describe('pipeline: intake to claimable lead', () => {
  let env: TestEnv;
  let stack: ProcessStack;
  let op: ApiClient;
  let db: Client;
  const queues: Queue[] = [];

  const submit = async (body: Record<string, unknown>) => {
    const res = await op.call<{ id: string }>('POST', '/api/tips', body);
    expect(res.status).toBe(202);
    return res.body.id;
  };
  const getTip = async (id: string) => (await op.call<TipBody>('GET', `/api/tips/${id}`)).body;
  const settled = (id: string, stages: string[]) =>
    waitFor(
      async () => {
        const t = await getTip(id);
        return stages.includes(t.stage) ? t : undefined;
      },
      20_000,
      async () => `tip ${id} to reach ${stages.join('|')} (now ${(await getTip(id)).stage})`,
    );

  beforeAll(async () => {
    env = newTestEnv('pipeline');
    stack = await ProcessStack.create({ ...env, env: { JOB_BACKOFF_MS: '100' } });
    await stack.startAll();
    op = await userWithRole(stack.baseUrl, 'operator');
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    for (const name of [QueueName.Triage, QueueName.Linkage]) {
      queues.push(new Queue(name, { connection: { url: env.redisUrl }, prefix: env.queuePrefix }));
    }
  });

  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await db?.end();
    await stack?.stop();
    await env?.cleanup();
  });

  it('takes an actionable tip to an open lead carrying its priority', async () => {
    const id = await submit(
      newTip({
        category: 'weapons',
        channel: 'patrol',
        ward: 'Phường 4',
        description:
          'Tổ Nhân dân tuần tra phát hiện một nhóm thanh niên cất giấu mã tấu và một khẩu súng tự chế trong căn nhà số 18 Đoàn Văn Bơ, tối nay họ hẹn đánh nhau.',
      }),
    );
    const tip = await settled(id, ['lead_open']);
    expect(tip.triage!.priority).toBeGreaterThanOrEqual(70);
    expect(tip.triage!.reasons.join(' ')).toMatch(/weapons/);
    expect(tip.triagedAt).not.toBeNull();
    expect(tip.leadId).not.toBeNull();
    const lead = await db.query('SELECT stage, priority, origin_tip_id FROM leads WHERE id = $1', [
      tip.leadId,
    ]);
    expect(lead.rows[0]).toEqual({
      stage: 'open',
      priority: tip.triage!.priority,
      origin_tip_id: id,
    });
    const events = await db.query('SELECT type FROM tip_events WHERE tip_id = $1 ORDER BY at, id', [
      id,
    ]);
    expect(events.rows.map((r) => r.type)).toEqual(['received', 'triaged', 'lead_opened']);
  });

  it('rejects spam with a reason and opens no lead', async () => {
    const id = await submit(
      newTip({
        channel: 'web',
        category: 'other',
        description:
          'KHUYẾN MÃI SỐC!!! Vay tiền nhanh không cần thế chấp, giải ngân trong 5 phút, liên hệ zalo ngay, click http://vay-nhanh.example',
      }),
    );
    const tip = await settled(id, ['rejected']);
    expect(tip.leadId).toBeNull();
    expect((tip.triage as unknown as { rejectedReason: string }).rejectedReason).toMatch(/^spam/);
  });

  it('joins a second report of the same event to the first one’s lead', async () => {
    const first = await submit(
      newTip({
        category: 'robbery',
        ward: 'Phường 8',
        description:
          'Khoảng 21 giờ, hai thanh niên đi xe máy biển số 59-K2 456.78 giật điện thoại của một chị bán hàng trước số 120 Tôn Đản rồi chạy về hướng cầu.',
      }),
    );
    const a = await settled(first, ['lead_open']);
    const second = await submit(
      newTip({
        category: 'robbery',
        ward: 'Phường 8',
        channel: 'app',
        description:
          'Tôi thấy xe 59K2-45678 chở hai người giật điện thoại ở trước nhà 120 Tôn Đản lúc 9 giờ tối, chị bán hàng bị té.',
      }),
    );
    const b = await settled(second, ['duplicate']);
    expect(b.triage!.duplicateOf).toBe(first);
    expect(b.leadId).toBe(a.leadId);
    expect(b.triage!.reasons.join(' ')).toMatch(/plate 59K245678/);
    const leads = await db.query('SELECT count(*) FROM leads WHERE id = $1', [a.leadId]);
    expect(Number(leads.rows[0].count)).toBe(1);
  });

  it('keeps an unrelated tip in the same ward and street apart', async () => {
    const id = await submit(
      newTip({
        category: 'robbery',
        ward: 'Phường 8',
        description:
          'Sáng nay một người đàn ông bị cướp ví tại quán cà phê số 7 Tôn Đản, kẻ gian đi xe tay ga màu đỏ biển số 59-T1 999.01.',
      }),
    );
    const tip = await settled(id, ['lead_open']);
    expect(tip.triage!.duplicateOf).toBeNull();
  });

  it('makes one lead however often each job is delivered', async () => {
    const id = await submit(newTip({ ward: 'Phường 16', category: 'drugs' }));
    // Redeliver both stages many times, concurrently with the real jobs, under fresh job ids.
    await Promise.all(
      queues.flatMap((q) =>
        Array.from({ length: 5 }, (_, i) =>
          q.add(q.name, { v: 1, tipId: id }, { jobId: `redo-${i}-${id}` }),
        ),
      ),
    );
    const tip = await settled(id, ['lead_open']);
    await waitFor(
      async () => (await queues[1].getJobCounts('waiting', 'active', 'delayed')).waiting === 0,
      10_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    const leads = await db.query('SELECT id FROM leads WHERE origin_tip_id = $1', [id]);
    expect(leads.rows).toEqual([{ id: tip.leadId }]);
    const events = await db.query(
      'SELECT type, count(*)::int AS n FROM tip_events WHERE tip_id = $1 GROUP BY type ORDER BY type',
      [id],
    );
    expect(events.rows).toEqual([
      { type: 'lead_opened', n: 1 },
      { type: 'received', n: 1 },
      { type: 'triaged', n: 1 },
    ]);
  });

  it('dead-letters a poison job after its attempts and counts it in /metrics', async () => {
    await queues[0].add(QueueName.Triage, { v: 1, tipId: 'not-a-uuid' }, { jobId: 'poison-1' });
    await queues[0].add(QueueName.Triage, { hello: 'world' }, { jobId: 'poison-2' });
    await waitFor(async () => {
      const r = await db.query(
        `SELECT count(*)::int AS n FROM dead_letters WHERE queue = 'triage'`,
      );
      return r.rows[0].n === 2;
    }, 10_000);
    const metrics = await op.call<string>('GET', '/metrics');
    expect(metrics.body).toMatch(/tiptrace_dead_letters\{queue="triage"\} 2/);
    expect(metrics.body).toMatch(/tiptrace_tips\{stage="lead_open"\} \d+/);
  });

  it('answers /health and /health/ready', async () => {
    expect((await op.call('GET', '/health')).status).toBe(200);
    expect((await op.call('GET', '/health/ready')).status).toBe(200);
  });

  it('keeps tip text and tipster identity out of every log line', async () => {
    const id = await submit(
      newTip({
        anonymous: false,
        tipster: { name: 'Canarynguyen Văn Test', phone: '0977000111', email: 'canary@example.vn' },
        description:
          'Canarytext: có nhóm người lạ mặt tụ tập đánh bạc tại số 33 Xóm Chiếu từ 20 giờ mỗi tối, rất ồn ào.',
      }),
    );
    await settled(id, ['lead_open', 'duplicate']);
    const logs = stack.logs();
    expect(logs).toContain(id);
    for (const canary of ['Canarynguyen', '0977000111', 'canary@example.vn', 'Canarytext']) {
      expect(logs).not.toContain(canary);
    }
  });
});
