import { Client } from 'pg';
import { ApiClient, ProcessStack, userWithRole, waitFor } from '@app/stack';
import { newTestEnv, newTip, TestEnv } from '@app/testing';

interface TipBody {
  id: string;
  stage: string;
  leadId: string | null;
  receivedAt: string;
  decisionDueAt: string | null;
  decisionExtensions: number;
  overdue: boolean;
}
interface LeadBody {
  id: string;
  stage: string;
}
interface TraceBody {
  events: { type: string; actor: string | null; detail: Record<string, unknown> }[];
}

const DAY_MS = 86_400_000;

/**
 * Notifications and deadlines through the real processes: a tip on a lead gets a deadline to
 * decide, a supervisor extends it at most twice, overdue tips are listed and counted.
 */
describe('notifications and deadlines', () => {
  let env: TestEnv;
  let stack: ProcessStack;
  let op: ApiClient;
  let inv: ApiClient;
  let sup: ApiClient;
  let db: Client;

  const submit = async (over: Record<string, unknown> = {}) =>
    (await op.must<{ id: string }>('POST', '/api/tips', newTip(over), [202])).body.id;
  const getTip = async (id: string) => (await sup.must<TipBody>('GET', `/api/tips/${id}`)).body;
  const settled = (id: string, stages: string[]) =>
    waitFor(
      async () => {
        const t = await getTip(id);
        return stages.includes(t.stage) ? t : undefined;
      },
      20_000,
      async () => `tip ${id} to reach ${stages.join('|')} (now ${(await getTip(id)).stage})`,
    );
  /** Claims until `leadId` comes up (others are released again); fails if it never does. */
  const claimLead = async (who: ApiClient, leadId: string) => {
    const passed: string[] = [];
    try {
      for (let i = 0; i < 50; i++) {
        const res = await who.must<LeadBody>('POST', '/api/leads/claim', {}, [200, 204]);
        if (res.status === 204) break;
        if (res.body.id === leadId) return res.body;
        passed.push(res.body.id);
      }
    } finally {
      for (const id of passed) await who.must('POST', `/api/leads/${id}/release`, {});
    }
    throw new Error(`lead ${leadId} was never handed out`);
  };

  beforeAll(async () => {
    env = newTestEnv('notifications');
    stack = await ProcessStack.create({ ...env, env: { JOB_BACKOFF_MS: '100' } });
    await stack.startAll();
    [op, inv, sup] = await Promise.all([
      userWithRole(stack.baseUrl, 'operator'),
      userWithRole(stack.baseUrl, 'investigator'),
      userWithRole(stack.baseUrl, 'supervisor'),
    ]);
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
    await env?.cleanup();
  });

  describe('deadlines', () => {
    let onLead: TipBody;

    beforeAll(async () => {
      onLead = await settled(await submit({ ward: 'Phường 4' }), ['lead_open']);
    });

    it('gives a tip on a lead a deadline of receivedAt + 20 days, shown in the tip and the list', async () => {
      expect(onLead.decisionDueAt).not.toBeNull();
      expect(Date.parse(onLead.decisionDueAt!) - Date.parse(onLead.receivedAt)).toBe(20 * DAY_MS);
      expect(onLead.decisionExtensions).toBe(0);
      expect(onLead.overdue).toBe(false);
      const list = await op.must<{ items: TipBody[] }>('GET', '/api/tips?mine=true');
      const item = list.body.items.find((t) => t.id === onLead.id)!;
      expect(item.decisionDueAt).toBe(onLead.decisionDueAt);
      // A tip that has not reached a lead has no deadline.
      const held = await submit({ ward: 'Phường 2', description: 'hình như có chuyện gì đó' });
      const t = await settled(held, ['needs_review']);
      expect(t.decisionDueAt).toBeNull();
      expect(t.overdue).toBe(false);
      const res = await sup.call('POST', `/api/tips/${held}/extend`, { days: 5, reason: 'chờ' });
      expect(res.status).toBe(409);
    });

    it('refuses bad extensions with a message per field, other roles with 403, unknown tips with 404', async () => {
      const bad = await sup.call<{ errors: Record<string, string[]> }>(
        'POST',
        `/api/tips/${onLead.id}/extend`,
        { days: 0 },
      );
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.errors).sort()).toEqual(['days', 'reason']);
      for (const days of [61, 2.5, '7']) {
        const res = await sup.call('POST', `/api/tips/${onLead.id}/extend`, {
          days,
          reason: 'Chờ kết quả giám định',
        });
        expect(res.status).toBe(400);
      }
      for (const who of [op, inv]) {
        const res = await who.call('POST', `/api/tips/${onLead.id}/extend`, {
          days: 5,
          reason: 'Chờ kết quả giám định',
        });
        expect(res.status).toBe(403);
      }
      const unknown = await sup.call(
        'POST',
        '/api/tips/00000000-0000-4000-8000-000000000000/extend',
        { days: 5, reason: 'Chờ kết quả giám định' },
      );
      expect(unknown.status).toBe(404);
      expect((await getTip(onLead.id)).decisionDueAt).toBe(onLead.decisionDueAt);
    });

    it('extends twice, each moving the deadline later and written to the trace and audit; a third is 409', async () => {
      const first = await sup.must<TipBody>('POST', `/api/tips/${onLead.id}/extend`, {
        days: 10,
        reason: 'Chờ kết quả giám định',
      });
      expect(first.status).toBe(200);
      expect(Date.parse(first.body.decisionDueAt!) - Date.parse(onLead.decisionDueAt!)).toBe(
        10 * DAY_MS,
      );
      expect(first.body.decisionExtensions).toBe(1);
      const second = await sup.must<TipBody>('POST', `/api/tips/${onLead.id}/extend`, {
        days: 60,
        reason: 'Người làm chứng đi vắng',
      });
      expect(Date.parse(second.body.decisionDueAt!) - Date.parse(onLead.decisionDueAt!)).toBe(
        70 * DAY_MS,
      );
      expect(second.body.decisionExtensions).toBe(2);
      const third = await sup.call('POST', `/api/tips/${onLead.id}/extend`, {
        days: 1,
        reason: 'Thêm một ngày',
      });
      expect(third.status).toBe(409);
      expect((await getTip(onLead.id)).decisionDueAt).toBe(second.body.decisionDueAt);

      const trace = (await sup.must<TraceBody>('GET', `/api/tips/${onLead.id}/trace`)).body;
      const extended = trace.events.filter((e) => e.type === 'deadline_extended');
      expect(extended.map((e) => [e.actor, e.detail.days, e.detail.reason])).toEqual([
        [sup.username, 10, 'Chờ kết quả giám định'],
        [sup.username, 60, 'Người làm chứng đi vắng'],
      ]);
      const audit = await db.query(
        `SELECT actor FROM audit_log WHERE entity_id = $1 AND action = 'tip.deadline_extended'`,
        [onLead.id],
      );
      expect(audit.rows).toEqual([{ actor: sup.username }, { actor: sup.username }]);
    });

    it('lists and counts tips past their deadline until they are linked or dismissed', async () => {
      const late = await settled(await submit({ ward: 'Phường 8' }), ['lead_open']);
      // Setup only: the deadline as if the tip had been received 21 days ago.
      await db.query(`UPDATE tips SET decision_due_at = now() - interval '1 day' WHERE id = $1`, [
        late.id,
      ]);
      const t = await getTip(late.id);
      expect(t.overdue).toBe(true);
      const overdue = await sup.must<{ items: TipBody[] }>('GET', '/api/tips?overdue=true');
      expect(overdue.body.items.map((x) => x.id)).toContain(late.id);
      expect(overdue.body.items.every((x) => x.overdue)).toBe(true);
      expect(overdue.body.items.map((x) => x.id)).not.toContain(onLead.id);
      const notOverdue = await sup.must<{ items: TipBody[] }>('GET', '/api/tips?overdue=false');
      expect(notOverdue.body.items.map((x) => x.id)).not.toContain(late.id);
      expect(notOverdue.body.items.map((x) => x.id)).toContain(onLead.id);
      expect((await sup.call('GET', '/api/tips?overdue=maybe')).status).toBe(400);

      const funnel = await sup.must<{
        tipsOverdue: number;
        byWard: { ward: string; tipsOverdue: number }[];
      }>('GET', '/api/reports/funnel?ward=Phường 8');
      expect(funnel.body.tipsOverdue).toBe(1);

      // Dismissed: the deadline is met, the tip is no longer overdue.
      await claimLead(inv, late.leadId!);
      await inv.must('POST', `/api/leads/${late.leadId}/dismiss`, { reason: 'Không đủ căn cứ' });
      const met = await settled(late.id, ['dismissed']);
      expect(met.overdue).toBe(false);
      const after = await sup.must<{ items: TipBody[] }>('GET', '/api/tips?overdue=true');
      expect(after.body.items.map((x) => x.id)).not.toContain(late.id);
      const extendMet = await sup.call('POST', `/api/tips/${late.id}/extend`, {
        days: 5,
        reason: 'Chờ kết quả giám định',
      });
      expect(extendMet.status).toBe(409);
    });
  });
});
