import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QueueName } from '@app/contracts';
import { ApiClient, ProcessStack, userWithRole, waitFor } from '@tools/stack';
import { newTip, TestEnv, testStack, TestStack } from '@app/testing';

interface Funnel {
  tipsReceived: number;
  tipsActionable: number;
  tipsDuplicate: number;
  tipsRejected: number;
  tipsNeedingReview: number;
  tipsLinked: number;
  casesFromTips: number;
  casesResolvedFromTips: number;
  arrestsFromTips: number;
  medianSecondsToTriage: number | null;
  medianSecondsToClaim: number | null;
  byWard: ({ ward: string } & Record<string, number>)[];
}

const WARD = 'Phường 10';
const ROBBERY =
  'Khoảng 21 giờ, hai thanh niên đi xe máy biển số 59-K2 456.78 giật điện thoại của một chị bán hàng trước số 120 Tôn Đản rồi chạy về hướng cầu.';
const ROBBERY_AGAIN =
  'Tôi thấy xe 59K2-45678 chở hai người giật điện thoại ở trước nhà 120 Tôn Đản lúc 9 giờ tối, chị bán hàng bị té.';
const SPAM =
  'KHUYẾN MÃI SỐC!!! Vay tiền nhanh không cần thế chấp, giải ngân trong 5 phút, liên hệ zalo ngay, click http://vay-nhanh.example';

/**
 * The supervisor's reports against a hand-built set: five tips (a duplicate, a spam, a dismissed
 * lead), two leads linked to one case with two arrests, solved.
 */
describe('reports, trace and audit', () => {
  let env: TestEnv;
  let stack: ProcessStack;
  let t: TestStack | undefined;
  let db: Client;
  let op: ApiClient;
  let inv: ApiClient;
  let sup: ApiClient;
  const tip: Record<string, string> = {};
  let caseId: string;
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

  const settle = (id: string, stage: string) =>
    waitFor(
      async () => (await op.call<{ stage: string }>('GET', `/api/tips/${id}`)).body.stage === stage,
      20_000,
      () => `${id} to be ${stage}`,
    );
  const funnel = async (query: string) =>
    (await sup.must<Funnel>('GET', `/api/reports/funnel?${query}`)).body;

  beforeAll(async () => {
    t = await testStack('reports', (s) => s.startAll(), { env: { JOB_BACKOFF_MS: '100' } });
    ({ env, stack, db } = t);
    [op, inv, sup] = await Promise.all([
      userWithRole(stack.baseUrl, 'operator'),
      userWithRole(stack.baseUrl, 'investigator'),
      userWithRole(stack.baseUrl, 'supervisor'),
    ]);
    const submit = async (name: string, body: Record<string, unknown>, stage: string) => {
      tip[name] = (await op.must<{ id: string }>('POST', '/api/tips', body)).body.id;
      await settle(tip[name], stage);
    };
    await submit(
      't1',
      newTip({ ward: WARD, category: 'robbery', description: ROBBERY }),
      'lead_open',
    );
    await submit(
      't2',
      newTip({ ward: WARD, category: 'robbery', channel: 'web', description: ROBBERY_AGAIN }),
      'duplicate',
    );
    await submit('t3', newTip({ ward: WARD, category: 'theft', channel: 'app' }), 'lead_open');
    await submit('t4', newTip({ ward: WARD, category: 'drugs', channel: 'patrol' }), 'lead_open');
    await submit(
      't5',
      newTip({ ward: WARD, category: 'other', channel: 'web', description: SPAM }),
      'rejected',
    );

    const leadOf = async (id: string) =>
      (await op.must<{ leadId: string }>('GET', `/api/tips/${id}`)).body.leadId;
    const claimed = new Map<string, string>();
    for (let i = 0; i < 3; i++) {
      const l = (
        await inv.must<{ id: string; tipIds: string[] }>('POST', '/api/leads/claim', {
          wards: [WARD],
        })
      ).body;
      for (const t of l.tipIds) claimed.set(t, l.id);
    }
    const l1 = await leadOf(tip.t1);
    const linked = await inv.must<{ case: { id: string } }>('POST', `/api/leads/${l1}/link`, {
      newCase: {
        title: 'Cướp giật điện thoại trước số 120 Tôn Đản',
        kind: 'criminal',
        category: 'robbery',
        severity: 'serious',
        ward: WARD,
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      },
    });
    caseId = linked.body.case.id;
    await inv.must('POST', `/api/leads/${await leadOf(tip.t3)}/link`, { caseId });
    await inv.must('POST', `/api/leads/${await leadOf(tip.t4)}/dismiss`, {
      reason: 'Đã xác minh, không có dấu hiệu vi phạm',
    });
    for (const name of ['Trần Văn Một', 'Lê Văn Hai']) {
      await inv.must(
        'POST',
        `/api/cases/${caseId}/arrests`,
        { personName: name, arrestedAt: new Date().toISOString() },
        [201],
      );
    }
    await inv.must('POST', `/api/cases/${caseId}/resolve`, { resolution: 'solved' });
    await waitFor(
      async () =>
        (await op.call<{ outcome: { arrests: number } }>('GET', `/api/tips/${tip.t2}`)).body.outcome
          .arrests === 2,
      10_000,
    );
  });

  afterAll(() => t?.cleanup());

  const expected = {
    tipsReceived: 5,
    tipsActionable: 3,
    tipsDuplicate: 1,
    tipsRejected: 1,
    tipsNeedingReview: 0,
    tipsLinked: 3,
    casesFromTips: 1,
    casesResolvedFromTips: 1,
    arrestsFromTips: 2,
  };

  it('counts the funnel from the reporting tables, each tip and case once', async () => {
    const f = await waitFor(async () => {
      const r = await funnel(`from=${today}T00:00:00Z&to=${tomorrow}T00:00:00Z`);
      return r.tipsLinked === 3 && r.casesResolvedFromTips === 1 ? r : undefined;
    }, 15_000);
    expect(f).toMatchObject(expected);
    expect(f.medianSecondsToTriage).toBeGreaterThanOrEqual(0);
    expect(f.medianSecondsToClaim).toBeGreaterThan(0);
    expect(f.byWard).toEqual([expect.objectContaining({ ward: WARD, ...expected })]);
  });

  it('gives the same answer for a range that cuts days (read from tips) as for whole days', async () => {
    const f = await funnel(
      `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`,
    );
    expect(f).toMatchObject(expected);
  });

  it('filters by category, channel and ward', async () => {
    const robbery = await funnel('category=robbery');
    expect(robbery).toMatchObject({
      tipsReceived: 2,
      tipsDuplicate: 1,
      tipsLinked: 2,
      casesFromTips: 1,
      arrestsFromTips: 2,
    });
    const patrol = await funnel('channel=patrol');
    expect(patrol).toMatchObject({
      tipsReceived: 1,
      tipsActionable: 1,
      tipsLinked: 0,
      casesFromTips: 0,
    });
    const elsewhere = await funnel(`ward=${encodeURIComponent('Phường 1')}`);
    expect(elsewhere).toMatchObject({ tipsReceived: 0, casesFromTips: 0, byWard: [] });
    expect((await sup.call('GET', '/api/reports/funnel?from=yesterday')).status).toBe(400);
    expect((await inv.call('GET', '/api/reports/funnel')).status).toBe(403);
  });

  it('leaves every count unchanged when events are delivered again and the tables rebuilt', async () => {
    const before = await funnel('');
    const outcomes = new Queue(QueueName.Outcomes, {
      connection: { url: env.redisUrl },
      prefix: env.queuePrefix,
    });
    try {
      for (let i = 0; i < 3; i++)
        await outcomes.add(QueueName.Outcomes, { v: 1, caseId }, { jobId: `again-${i}` });
      await waitFor(
        async () => (await outcomes.getJobCounts('waiting', 'active')).waiting === 0,
        10_000,
      );
    } finally {
      await outcomes.close();
    }
    // Rebuild the reporting tables from the record: the projector recomputes them from tips.
    await db.query(`DELETE FROM report_watermarks`);
    await db.query(`TRUNCATE funnel_rollup, funnel_case_keys`);
    const after = await waitFor(async () => {
      const r = await funnel('');
      return r.tipsReceived === 5 ? r : undefined;
    }, 15_000);
    expect(after).toEqual(before);
  });

  it('exports the funnel and the tip list as CSV without tip text', async () => {
    const f = await sup.must<string>('GET', '/api/reports/funnel.csv');
    expect(f.headers.get('content-type')).toMatch(/text\/csv/);
    expect(f.body).toContain('ward,tipsReceived');
    expect(f.body).toContain(`${WARD},5,3,1,1,0,3,1,1,2`);
    const t = await sup.must<string>('GET', '/api/reports/tips.csv');
    const lines = t.body.trim().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(t.body).not.toContain('Tôn Đản');
  });

  it('traces a duplicate from intake to arrests and resolution, in order, with actors', async () => {
    const trace = (
      await sup.must<{ events: { type: string; actor: string | null; at: string }[] }>(
        'GET',
        `/api/tips/${tip.t2}/trace`,
      )
    ).body;
    const types = trace.events.map((e) => e.type);
    expect(types).toEqual([
      'received',
      'triaged',
      'duplicate_detected',
      'lead_joined',
      'claimed',
      'linked',
      'arrest_recorded',
      'arrest_recorded',
      'case_resolved',
    ]);
    const at = trace.events.map((e) => Date.parse(e.at));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(trace.events.find((e) => e.type === 'claimed')!.actor).toMatch(/^investigator/);
    expect((await inv.call('GET', `/api/tips/${tip.t2}/trace`)).status).toBe(403);
  });

  it('audits every read of tip text, of the thread with the tipster and of the tip export', async () => {
    interface Entry {
      action: string;
      actor: string;
      actorName: string | null;
      role: string;
      outcome: string;
      entityId: string | null;
      detail: Record<string, unknown>;
    }
    const entries = async (query: string) =>
      (await sup.must<{ items: Entry[] }>('GET', `/api/audit?${query}&limit=200`)).body.items;
    const me = (await sup.must<{ id: string }>('GET', '/api/users/me')).body.id;

    await sup.must('GET', `/api/tips/${tip.t3}`);
    await sup.must('GET', `/api/tips/${tip.t3}/messages`);
    await sup.must('GET', `/api/tips/${tip.t3}/trace`);
    expect((await op.call('GET', `/api/tips/${tip.t3}/messages`)).status).toBe(403);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await sup.call('GET', `/api/tips/${missing}`)).status).toBe(404);
    await sup.must<string>('GET', `/api/reports/tips.csv?ward=${encodeURIComponent(WARD)}`);

    const onTip = await entries(`entityType=tip&entityId=${tip.t3}`);
    const by = (action: string, outcome: string, role: string) =>
      onTip.filter((e) => e.action === action && e.outcome === outcome && e.role === role);
    for (const action of ['tip.read', 'tip.messages_read', 'tip.trace_read']) {
      const [e] = by(action, 'success', 'supervisor');
      expect(e).toBeDefined();
      expect(e.detail.username).toBe(sup.username);
      expect(e.actor).toBe(me);
      // The list joins the user: reads (held by id) show the username like actions do.
      expect(e.actorName).toBe(sup.username);
      expect(e.entityId).toBe(tip.t3);
    }
    expect(by('tip.messages_read', 'success', 'supervisor')[0].detail.count).toBe(0);
    expect(by('tip.messages_read', 'denied', 'operator')).toHaveLength(1);
    // The entries hold ids and counts, never the text that was read.
    expect(JSON.stringify(onTip)).not.toContain('Tôn Đản');

    // Every entry of a known user names it, whether the entry holds the user's id or its
    // username; the pipeline's own steps name no user.
    const all = await entries(`entityType=tip&entityId=${tip.t1}`);
    const idOf = async (c: ApiClient) =>
      (await c.must<{ id: string }>('GET', '/api/users/me')).body.id;
    const actors = new Map<string, string>();
    for (const c of [sup, op, inv]) {
      actors.set(c.username, c.username).set(await idOf(c), c.username);
    }
    expect(all.find((e) => e.action === 'tip.claimed')).toMatchObject({
      actor: inv.username,
      actorName: inv.username,
    });
    expect(all.find((e) => e.action === 'tip.triaged')).toMatchObject({
      actor: 'triage',
      actorName: null,
    });
    for (const e of [...all, ...onTip]) {
      expect([e.action, e.actorName]).toEqual([e.action, actors.get(e.actor) ?? null]);
    }
    // The actor filter finds a person's entries by username or by id, whichever the entry holds.
    for (const who of [sup.username, sup.username.toUpperCase(), me]) {
      const mine = await entries(`actor=${encodeURIComponent(who)}&entityType=tip`);
      expect(mine.map((e) => e.action)).toEqual(
        expect.arrayContaining(['tip.read', 'tip.trace_read']),
      );
      expect(mine.every((e) => e.actorName === sup.username)).toBe(true);
    }
    const investigator = await entries(`actor=${encodeURIComponent(inv.username)}&entityType=tip`);
    expect(investigator.map((e) => e.action)).toContain('tip.claimed');
    expect(investigator.every((e) => e.actorName === inv.username)).toBe(true);

    const failed = await entries(`entityType=tip&entityId=${missing}`);
    expect(failed).toEqual([
      expect.objectContaining({ action: 'tip.read', outcome: 'failure', role: 'supervisor' }),
    ]);
    // One entry per export (the earlier unfiltered one included), with its filter.
    const exported = await entries('entityType=report&entityId=tips.csv');
    expect(exported).toHaveLength(2);
    expect(exported).toContainEqual(
      expect.objectContaining({
        action: 'tips.exported',
        outcome: 'success',
        role: 'supervisor',
        detail: expect.objectContaining({ filter: { ward: WARD } }),
      }),
    );
    // Read entries are chained like every other.
    const sealed = await waitFor(async () => {
      const v = (await sup.must<{ valid: boolean; unsealed: number }>('GET', '/api/audit/verify'))
        .body;
      return v.unsealed === 0 ? v : undefined;
    }, 15_000);
    expect(sealed.valid).toBe(true);
  });

  it('writes an audit entry for every change, refuses to change them, and finds tampering', async () => {
    const verify = async () =>
      (
        await sup.must<{ valid: boolean; entries: number; brokenAt?: string; unsealed: number }>(
          'GET',
          '/api/audit/verify',
        )
      ).body;
    const sealed = await waitFor(async () => {
      const v = await verify();
      return v.unsealed === 0 ? v : undefined;
    }, 15_000);
    expect(sealed.valid).toBe(true);
    const entries = await sup.must<{
      items: { id: string; action: string; actor: string; role: string }[];
    }>('GET', `/api/audit?entityType=tip&entityId=${tip.t1}`);
    expect(entries.body.items.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'tip.received',
        'tip.triaged',
        'tip.lead_opened',
        'tip.claimed',
        'tip.linked',
      ]),
    );
    const claim = entries.body.items.find((e) => e.action === 'tip.claimed')!;
    expect(claim.role).toBe('investigator');
    // The application cannot change history.
    await expect(
      db.query(`UPDATE audit_log SET actor = 'someone' WHERE id = $1`, [claim.id]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_log WHERE id = $1`, [claim.id])).rejects.toThrow(
      /append-only/,
    );
    // Someone with the power to disable the guard edits one entry: verify names it.
    await db.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`);
    await db.query(`UPDATE audit_log SET actor = 'someone-else' WHERE id = $1`, [claim.id]);
    const edited = await verify();
    expect(edited).toMatchObject({ valid: false, brokenAt: claim.id });
    await db.query(`UPDATE audit_log SET actor = $2 WHERE id = $1`, [claim.id, claim.actor]);
    expect((await verify()).valid).toBe(true);
    const received = entries.body.items.find((e) => e.action === 'tip.received')!;
    await db.query(`DELETE FROM audit_log WHERE id = $1`, [received.id]);
    await db.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`);
    expect(await verify()).toMatchObject({ valid: false, brokenAt: received.id });
  });
});
