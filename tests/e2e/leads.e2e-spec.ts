import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QueueName } from '@app/contracts';
import { ApiClient, freePort, ProcessStack, userWithRole, waitFor } from '@tools/stack';
import { newTestEnv, newTip, TestEnv } from '@app/testing';

interface Lead {
  id: string;
  stage: string;
  priority: number;
  tipIds: string[];
  claimedBy: string | null;
  leaseExpiresAt: string | null;
}
interface Tip {
  id: string;
  stage: string;
  leadId: string | null;
  caseIds: string[];
  outcome: { caseStatus: string | null; resolution: string | null; arrests: number };
}

/** Investigators through two API processes: claims, leases, linking, cases, outcomes on tips. */
describe('leads and cases', () => {
  let env: TestEnv;
  let stack: ProcessStack;
  let secondApi: string;
  let db: Client;
  let operator: ApiClient;
  let supervisor: ApiClient;
  let outcomes: Queue;

  beforeAll(async () => {
    env = newTestEnv('leads');
    stack = await ProcessStack.create({
      ...env,
      env: { LEASE_MS: '4000', LEASE_SWEEP_INTERVAL_MS: '300', JOB_BACKOFF_MS: '100' },
    });
    await stack.startAll();
    const port = await freePort();
    await stack.start('api', { PORT: String(port) });
    secondApi = `http://127.0.0.1:${port}`;
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    operator = await userWithRole(stack.baseUrl, 'operator');
    supervisor = await userWithRole(stack.baseUrl, 'supervisor');
    outcomes = new Queue(QueueName.Outcomes, {
      connection: { url: env.redisUrl },
      prefix: env.queuePrefix,
    });
  });

  afterAll(async () => {
    await outcomes?.close();
    await db?.end();
    await stack?.stop();
    await env?.cleanup();
  });

  /** `n` unrelated tips in `ward`, each with its own open lead. */
  async function openLeads(n: number, ward: string, category = 'theft'): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await operator.must<{ id: string }>(
        'POST',
        '/api/tips',
        newTip({ ward, category }),
      );
      ids.push(res.body.id);
    }
    await waitFor(
      async () => {
        const r = await db.query(
          `SELECT count(*)::int AS n FROM tips WHERE id = ANY($1) AND stage = 'lead_open'`,
          [ids],
        );
        return r.rows[0].n === n;
      },
      30_000,
      async () =>
        JSON.stringify(
          (
            await db.query(`SELECT stage, count(*) FROM tips WHERE id = ANY($1) GROUP BY stage`, [
              ids,
            ])
          ).rows,
        ),
    );
    return ids;
  }

  it('gives 20 open leads to 20 of 50 concurrent claimers across two API processes, none twice', async () => {
    await openLeads(20, 'Phường 2');
    const claimers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        userWithRole(i % 2 ? secondApi : stack.baseUrl, 'investigator'),
      ),
    );
    const times: number[] = [];
    const answers = await Promise.all(
      claimers.map(async (c) => {
        const t = performance.now();
        const res = await c.call<Lead>('POST', '/api/leads/claim', { wards: ['Phường 2'] });
        times.push(performance.now() - t);
        return res;
      }),
    );
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(20);
    expect(answers.filter((a) => a.status === 204)).toHaveLength(30);
    expect(new Set(won.map((a) => a.body.id)).size).toBe(20);
    const claimedBy = await db.query(
      `SELECT count(DISTINCT claimed_by)::int AS n FROM leads WHERE ward = 'Phường 2' AND stage = 'claimed'`,
    );
    expect(claimedBy.rows[0].n).toBe(20);
    // Claims that arrive together share a statement: still, each winner holds the lead it was
    // answered with, and its tips' `claimed` events and audit entries are in its own name.
    for (const [i, a] of answers.entries()) {
      if (a.status !== 200) continue;
      const holder = await db.query(
        `SELECT u.username FROM leads l JOIN users u ON u.id::text = l.claimed_by WHERE l.id = $1`,
        [a.body.id],
      );
      expect(holder.rows).toEqual([{ username: claimers[i].username }]);
      const events = await db.query(
        `SELECT DISTINCT actor, detail->>'leadId' AS lead FROM tip_events
         WHERE tip_id = ANY($1) AND type = 'claimed'`,
        [a.body.tipIds],
      );
      expect(events.rows).toEqual([{ actor: claimers[i].username, lead: a.body.id }]);
      const audit = await db.query(
        `SELECT DISTINCT actor FROM audit_log WHERE entity_id = ANY($1) AND action = 'tip.claimed'`,
        [a.body.tipIds],
      );
      expect(audit.rows).toEqual([{ actor: claimers[i].username }]);
    }
    times.sort((a, b) => a - b);
    console.log(
      `claim latency, 50 concurrent claimers over 2 APIs: p50 ${times[24].toFixed(1)} ms, p99 ${times[49].toFixed(1)} ms`,
    );
  });

  it('hands out the highest priority first and honours ward and category filters', async () => {
    await openLeads(2, 'Phường 3', 'theft');
    const [weapons] = await openLeads(1, 'Phường 3', 'weapons');
    const inv = await userWithRole(stack.baseUrl, 'investigator');
    const first = await inv.must<Lead>('POST', '/api/leads/claim', { wards: ['Phường 3'] });
    expect(first.body.tipIds).toContain(weapons);
    const none = await inv.call('POST', '/api/leads/claim', {
      wards: ['Phường 3'],
      categories: ['drugs'],
    });
    expect(none.status).toBe(204);
    const bad = await inv.call('POST', '/api/leads/claim', { wards: ['Phường 99'] });
    expect(bad.status).toBe(400);
  });

  it('returns a lead whose lease expired to the queue by itself', async () => {
    const [tipId] = await openLeads(1, 'Phường 4');
    const a = await userWithRole(stack.baseUrl, 'investigator');
    const b = await userWithRole(stack.baseUrl, 'investigator');
    const lead = (await a.must<Lead>('POST', '/api/leads/claim', { wards: ['Phường 4'] })).body;
    expect((await a.call('GET', `/api/tips/${tipId}`)).body).toMatchObject({
      stage: 'lead_claimed',
    });
    expect((await b.call('POST', '/api/leads/claim', { wards: ['Phường 4'] })).status).toBe(204);
    await waitFor(async () => {
      const r = await db.query(`SELECT stage FROM leads WHERE id = $1`, [lead.id]);
      return r.rows[0].stage === 'open';
    }, 15_000);
    const tip = (await a.must<Tip>('GET', `/api/tips/${tipId}`)).body;
    expect(tip.stage).toBe('lead_open');
    const again = await b.must<Lead>('POST', '/api/leads/claim', { wards: ['Phường 4'] });
    expect(again.body.id).toBe(lead.id);
    // The first claimer's lease is gone: renewing or linking is refused.
    expect((await a.call('POST', `/api/leads/${lead.id}/renew`)).status).toBe(409);
    const events = await db.query(`SELECT type FROM tip_events WHERE tip_id = $1 ORDER BY id`, [
      tipId,
    ]);
    expect(events.rows.map((r) => r.type)).toEqual(
      expect.arrayContaining(['claimed', 'lease_expired']),
    );
  });

  it('lets only the claimer (or a supervisor) work a lead; others get 409, operators 403', async () => {
    await openLeads(1, 'Phường 6');
    const owner = await userWithRole(stack.baseUrl, 'investigator');
    const other = await userWithRole(stack.baseUrl, 'investigator');
    const lead = (await owner.must<Lead>('POST', '/api/leads/claim', { wards: ['Phường 6'] })).body;
    const c = await owner.must<{ id: string }>('POST', '/api/cases', {
      title: 'Trộm cắp tài sản tại Phường 6',
      kind: 'criminal',
      category: 'theft',
      severity: 'less_serious',
      ward: 'Phường 6',
      occurredAt: '2026-01-10T10:00:00Z',
    });
    expect(
      (await other.call('POST', `/api/leads/${lead.id}/link`, { caseId: c.body.id })).status,
    ).toBe(409);
    expect((await other.call('POST', `/api/leads/${lead.id}/release`)).status).toBe(409);
    expect(
      (await other.call('POST', `/api/leads/${lead.id}/dismiss`, { reason: 'không có cơ sở' }))
        .status,
    ).toBe(409);
    expect(
      (await operator.call('POST', `/api/leads/${lead.id}/link`, { caseId: c.body.id })).status,
    ).toBe(403);
    expect((await operator.call('POST', '/api/leads/claim', {})).status).toBe(403);
    expect((await owner.call('POST', `/api/leads/${lead.id}/link`, {})).status).toBe(400);
    expect((await owner.call('POST', `/api/leads/${lead.id}/renew`)).status).toBe(200);
    // A supervisor can break the lease.
    const broken = await supervisor.must<Lead>('POST', `/api/leads/${lead.id}/release`);
    expect(broken.body.stage).toBe('open');
  });

  it('carries link, arrests and resolution to every tip of the lead, duplicates included, once', async () => {
    const desc =
      'Khoảng 23 giờ đêm qua, nhóm 3 thanh niên đi xe máy biển số 59-Z9 777.88 dùng dao cướp điện thoại của anh tài xế trước số 250 Hoàng Diệu.';
    const first = await operator.must<{ id: string }>(
      'POST',
      '/api/tips',
      newTip({ ward: 'Phường 8', category: 'robbery', description: desc }),
    );
    await waitFor(
      async () =>
        (await operator.call<Tip>('GET', `/api/tips/${first.body.id}`)).body.stage === 'lead_open',
      20_000,
    );
    const dup = await operator.must<{ id: string }>(
      'POST',
      '/api/tips',
      newTip({
        ward: 'Phường 8',
        category: 'robbery',
        channel: 'web',
        description:
          'Tôi chứng kiến 3 người chạy xe 59Z9-77788 cầm dao cướp điện thoại của tài xế trước nhà 250 Hoàng Diệu lúc 11 giờ đêm.',
      }),
    );
    await waitFor(
      async () =>
        (await operator.call<Tip>('GET', `/api/tips/${dup.body.id}`)).body.stage === 'duplicate',
      20_000,
    );

    const inv = await userWithRole(stack.baseUrl, 'investigator');
    const lead = (await inv.must<Lead>('POST', '/api/leads/claim', { wards: ['Phường 8'] })).body;
    expect(lead.tipIds.sort()).toEqual([first.body.id, dup.body.id].sort());
    expect((await inv.call<Tip>('GET', `/api/tips/${dup.body.id}`)).body.stage).toBe(
      'lead_claimed',
    );
    const linked = await inv.must<{ case: { id: string } }>('POST', `/api/leads/${lead.id}/link`, {
      newCase: {
        title: 'Cướp tài sản trước số 250 Hoàng Diệu',
        kind: 'criminal',
        category: 'robbery',
        severity: 'very_serious',
        ward: 'Phường 8',
        occurredAt: '2026-11-01T16:00:00Z',
      },
    });
    const caseId = linked.body.case.id;
    for (const [i, name] of ['Nguyễn Văn Tèo', 'Lê Văn Tí'].entries()) {
      const arrest = await inv.call(
        'POST',
        `/api/cases/${caseId}/arrests`,
        {
          personName: name,
          charge: 'Cướp tài sản (Điều 168 BLHS)',
          arrestedAt: '2026-11-02T03:00:00Z',
        },
        { 'Idempotency-Key': `arrest-${i}` },
      );
      expect(arrest.status).toBe(201);
    }
    // The same arrest sent again with its key is not recorded twice.
    const repeat = await inv.call(
      'POST',
      `/api/cases/${caseId}/arrests`,
      {
        personName: 'Nguyễn Văn Tèo',
        arrestedAt: '2026-11-02T03:00:00Z',
      },
      { 'Idempotency-Key': 'arrest-0' },
    );
    expect(repeat.status).toBe(201);
    await inv.must('POST', `/api/cases/${caseId}/resolve`, { resolution: 'solved' });
    expect(
      (
        await inv.call('POST', `/api/cases/${caseId}/arrests`, {
          personName: 'X',
          arrestedAt: '2026-11-03T00:00:00Z',
        })
      ).status,
    ).toBe(409);

    for (const id of [first.body.id, dup.body.id]) {
      const tip = await waitFor(async () => {
        const t = (await inv.call<Tip>('GET', `/api/tips/${id}`)).body;
        return t.outcome.caseStatus === 'resolved' ? t : undefined;
      }, 10_000);
      expect(tip.stage).toBe('linked');
      expect(tip.caseIds).toEqual([caseId]);
      expect(tip.outcome).toEqual({ caseStatus: 'resolved', resolution: 'solved', arrests: 2 });
    }
    const c = (
      await inv.must<{ tipIds: string[]; arrests: unknown[]; status: string }>(
        'GET',
        `/api/cases/${caseId}`,
      )
    ).body;
    expect(c.tipIds.sort()).toEqual([first.body.id, dup.body.id].sort());
    expect(c.arrests).toHaveLength(2);

    // Redeliver the outcome event many times: nothing changes.
    const before = await db.query(
      `SELECT tip_id, type, count(*)::int AS n FROM tip_events WHERE tip_id = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2`,
      [[first.body.id, dup.body.id]],
    );
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        outcomes.add(QueueName.Outcomes, { v: 1, caseId }, { jobId: `again-${i}` }),
      ),
    );
    await waitFor(
      async () => (await outcomes.getJobCounts('waiting', 'active')).waiting === 0,
      10_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    const after = await db.query(
      `SELECT tip_id, type, count(*)::int AS n FROM tip_events WHERE tip_id = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2`,
      [[first.body.id, dup.body.id]],
    );
    expect(after.rows).toEqual(before.rows);
    const arrests = after.rows.filter((r) => r.type === 'arrest_recorded');
    expect(arrests.map((r) => r.n)).toEqual([2, 2]);
    // A supervisor reopens; the tips follow.
    expect((await inv.call('POST', `/api/cases/${caseId}/reopen`)).status).toBe(403);
    await supervisor.must('POST', `/api/cases/${caseId}/reopen`);
    await waitFor(
      async () =>
        (await inv.call<Tip>('GET', `/api/tips/${dup.body.id}`)).body.outcome.caseStatus === 'open',
      10_000,
    );
  });

  it('lets the investigator holding a lead message its tipster, and no other investigator', async () => {
    await openLeads(1, 'Phường 9', 'fraud');
    const inv = await userWithRole(stack.baseUrl, 'investigator');
    const other = await userWithRole(stack.baseUrl, 'investigator');
    const lead = await inv.must<{ tipIds: string[] }>('POST', '/api/leads/claim', {
      wards: ['Phường 9'],
      categories: ['fraud'],
    });
    const tipId = lead.body.tipIds[0];
    expect(
      (await other.call('POST', `/api/tips/${tipId}/messages`, { body: 'Xin chào anh/chị' }))
        .status,
    ).toBe(403);
    expect((await other.call('GET', `/api/tips/${tipId}/messages`)).status).toBe(403);
    const sent = await inv.call<{ id: string; direction: string }>(
      'POST',
      `/api/tips/${tipId}/messages`,
      {
        body: 'Xin anh/chị cho biết thêm màu xe và thời gian chính xác.',
      },
    );
    expect(sent.status).toBe(201);
    expect(sent.body.direction).toBe('to_tipster');
    const thread = await inv.must<unknown[]>('GET', `/api/tips/${tipId}/messages`);
    expect(thread.body).toHaveLength(1);
    expect((await operator.call('GET', `/api/tips/${tipId}/messages`)).status).toBe(403);
    expect((await inv.call('POST', `/api/tips/${tipId}/messages`, { body: '' })).status).toBe(400);
  });
});
