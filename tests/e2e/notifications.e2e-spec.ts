import { Queue } from 'bullmq';
import { Client } from 'pg';
import { ApiClient, freePort, http, ProcessStack, userWithRole, waitFor } from '@tools/stack';
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

interface NotificationBody {
  id: string;
  type: string;
  at: string;
  entityType: 'lead' | 'tip';
  entityId: string;
  read: boolean;
}
interface NotificationPage {
  items: NotificationBody[];
  nextCursor: string | null;
  unreadCount: number;
}
interface StreamEvent {
  type: string;
  data: unknown;
}

const DAY_MS = 86_400_000;
/** userWithRole's password for every user it makes. */
const PASSWORD = 'test-password-123';

/** Logs in and gives the bearer token (for the stream, read with fetch and the header). */
async function tokenOf(base: string, username: string): Promise<string> {
  const res = await http<{ accessToken: string }>(base, 'POST', '/api/auth/login', {
    username,
    password: PASSWORD,
  });
  return res.body.accessToken;
}

/**
 * Opens GET /api/notifications/stream as a console does: fetch with the Authorization header
 * (never a token in the URL), reading the server-sent events as they come.
 */
async function openStream(
  base: string,
  headers: Record<string, string>,
  path = '/api/notifications/stream',
): Promise<{ status: number; events: StreamEvent[]; close: () => void }> {
  const abort = new AbortController();
  const res = await fetch(`${base}${path}`, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const events: StreamEvent[] = [];
  if (res.ok && res.body) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let type = 'message';
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) type = line.slice(6).trim();
              else if (line.startsWith('data:')) data += line.slice(5).trim();
            }
            events.push({ type, data: data ? (JSON.parse(data) as unknown) : null });
          }
        }
      } catch {
        // aborted
      }
    })();
  } else {
    await res.body?.cancel();
  }
  return { status: res.status, events, close: () => abort.abort() };
}

/**
 * Notifications and deadlines through the real processes: a tip on a lead gets a deadline to
 * decide, a supervisor extends it at most twice, overdue tips are listed and counted.
 */
describe('notifications and deadlines', () => {
  let env: TestEnv;
  let stack: ProcessStack;
  let op: ApiClient;
  let inv: ApiClient;
  let inv2: ApiClient;
  let sup: ApiClient;
  let admin: ApiClient;
  let db: Client;
  let queue: Queue;

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
    stack = await ProcessStack.create({
      ...env,
      // An urgent lead unclaimed for 3 s is reported; the relay checks every 300 ms.
      env: { JOB_BACKOFF_MS: '100', URGENT_CLAIM_MINUTES: '0.05', NOTIFY_CHECK_INTERVAL_MS: '300' },
    });
    await stack.startAll();
    [op, inv, inv2, sup, admin] = await Promise.all([
      userWithRole(stack.baseUrl, 'operator'),
      userWithRole(stack.baseUrl, 'investigator'),
      userWithRole(stack.baseUrl, 'investigator'),
      userWithRole(stack.baseUrl, 'supervisor'),
      userWithRole(stack.baseUrl, 'admin'),
    ]);
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    queue = new Queue('notifications', {
      connection: { url: env.redisUrl, maxRetriesPerRequest: null },
      prefix: env.queuePrefix,
    });
  });

  afterAll(async () => {
    await queue?.close();
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
  const notes = async (who: ApiClient, query = '') =>
    (await who.must<NotificationPage>('GET', `/api/notifications${query}`)).body;
  /** Waits until `who` has a notification of `type` about `entityId`. */
  const noteFor = (who: ApiClient, type: string, entityId: string, timeoutMs = 15_000) =>
    waitFor(
      async () =>
        (await notes(who, '?limit=100')).items.find(
          (n) => n.type === type && n.entityId === entityId,
        ),
      timeoutMs,
      () => `${who.username} to get ${type} about ${entityId}`,
      50,
    );
  const countOf = async (who: ApiClient, type: string, entityId: string) =>
    (await notes(who, '?limit=100')).items.filter((n) => n.type === type && n.entityId === entityId)
      .length;

  describe('notifications', () => {
    let urgentLead: string;
    let urgentNote: NotificationBody;
    let stream: Awaited<ReturnType<typeof openStream>>;

    afterAll(() => stream?.close());

    it('streams only with a bearer token in the Authorization header', async () => {
      const none = await openStream(stack.baseUrl, {});
      expect(none.status).toBe(401);
      const token = await tokenOf(stack.baseUrl, inv.username);
      const inUrl = await openStream(
        stack.baseUrl,
        {},
        `/api/notifications/stream?access_token=${encodeURIComponent(token)}`,
      );
      expect(inUrl.status).toBe(401);
      // A plain JSON call is answered at once, not held open.
      expect((await inv.call('GET', '/api/notifications/stream')).status).toBe(406);
      stream = await openStream(stack.baseUrl, { authorization: `Bearer ${token}` });
      expect(stream.status).toBe(200);
      await waitFor(() => Promise.resolve(stream.events.some((e) => e.type === 'ready')), 5_000);
    });

    it('tells every investigator and supervisor of an urgent lead within 10 s, live on the stream, and no operator or admin', async () => {
      const sent = Date.now();
      const id = await submit({
        ward: 'Phường 13',
        description: 'Có người đang cầm dao đâm người trước chợ, mau lên',
      });
      const t = await settled(id, ['lead_open']);
      urgentLead = t.leadId!;
      const [forInv, forInv2, forSup] = await Promise.all([
        noteFor(inv, 'urgent_lead', urgentLead, 10_000),
        noteFor(inv2, 'urgent_lead', urgentLead, 10_000),
        noteFor(sup, 'urgent_lead', urgentLead, 10_000),
      ]);
      const latency = Date.now() - sent;
      expect(latency).toBeLessThan(10_000);
      process.stderr.write(`urgent_lead visible ${latency} ms after the tip was sent\n`);
      urgentNote = forInv;
      expect(forInv).toEqual({
        id: expect.any(String),
        type: 'urgent_lead',
        at: expect.any(String),
        entityType: 'lead',
        entityId: urgentLead,
        read: false,
      });
      expect(forInv2.id).not.toBe(forInv.id);
      expect(forSup.entityType).toBe('lead');
      // Live: the stream opened before the tip carried the same notification.
      const live = await waitFor(
        () =>
          Promise.resolve(
            stream.events.find(
              (e) =>
                e.type === 'notification' && (e.data as NotificationBody).entityId === urgentLead,
            ),
          ),
        10_000,
        () => `the stream to carry the urgent lead (got ${JSON.stringify(stream.events)})`,
      );
      expect(live.data).toEqual(forInv);
      // Nothing for those who do not claim leads, and never the tip's text.
      expect((await notes(op)).items).toEqual([]);
      expect((await notes(admin)).items).toEqual([]);
      const stored = await db.query(`SELECT * FROM notifications WHERE entity_id = $1`, [
        urgentLead,
      ]);
      expect(JSON.stringify(stored.rows)).not.toMatch(/dao|chợ/);
    });

    it('delivers on any API replica: a stream held by a second API process gets the notification', async () => {
      const port = await freePort();
      await stack.start('api', { PORT: String(port) });
      const replica = `http://127.0.0.1:${port}`;
      const token = await tokenOf(replica, sup.username);
      const other = await openStream(replica, { authorization: `Bearer ${token}` });
      try {
        expect(other.status).toBe(200);
        await waitFor(() => Promise.resolve(other.events.some((e) => e.type === 'ready')), 5_000);
        const id = await submit({
          ward: 'Phường 1',
          description: 'Có người cầm súng dọa bắn người ở hẻm 12, mau đến',
        });
        const t = await settled(id, ['lead_open']);
        const live = await waitFor(
          () =>
            Promise.resolve(
              other.events.find(
                (e) =>
                  e.type === 'notification' && (e.data as NotificationBody).entityId === t.leadId,
              ),
            ),
          10_000,
          () =>
            `the replica's stream to carry the urgent lead (got ${JSON.stringify(other.events)})`,
        );
        expect((live.data as NotificationBody).type).toBe('urgent_lead');
      } finally {
        other.close();
      }
    });

    it('tells supervisors of an urgent lead still unclaimed after URGENT_CLAIM_MINUTES, once', async () => {
      const n = await noteFor(sup, 'urgent_unclaimed', urgentLead);
      expect(n.entityType).toBe('lead');
      expect(await countOf(inv, 'urgent_unclaimed', urgentLead)).toBe(0);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(await countOf(sup, 'urgent_unclaimed', urgentLead)).toBe(1);
    });

    it('notifies each (event, recipient) once however often the job is delivered', async () => {
      const before = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications WHERE entity_id = $1`,
        [urgentLead],
      );
      // The same event sent again under another job id (as a relay re-sending it would).
      const jobId = `notifications.urgent_lead.${urgentLead}.again`;
      await db.query(
        `INSERT INTO outbox (queue, job_id, payload) VALUES ('notifications', $1, $2)`,
        [
          jobId,
          JSON.stringify({ v: 1, type: 'urgent_lead', entityId: urgentLead, ref: urgentLead }),
        ],
      );
      const job = await waitFor(
        async () => {
          const j = await queue.getJob(jobId);
          return j?.finishedOn ? j : undefined;
        },
        10_000,
        () => 'the repeated job to finish',
      );
      expect(job.returnvalue).toBe('skipped');
      const after = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications WHERE entity_id = $1`,
        [urgentLead],
      );
      expect(after.rows[0].n).toBe(before.rows[0].n);
      expect(await countOf(inv, 'urgent_lead', urgentLead)).toBe(1);
    });

    it('marks read: 204, gone from the unread list; another person’s notification is 404', async () => {
      const unread = await notes(inv, '?unread=true&limit=100');
      expect(unread.items.map((n) => n.id)).toContain(urgentNote.id);
      expect(unread.unreadCount).toBeGreaterThanOrEqual(1);
      expect((await sup.call('POST', `/api/notifications/${urgentNote.id}/read`)).status).toBe(404);
      expect(
        (await inv.call('POST', '/api/notifications/00000000-0000-4000-8000-000000000000/read'))
          .status,
      ).toBe(404);
      expect((await inv.call('POST', '/api/notifications/nope/read')).status).toBe(404);
      const res = await inv.call('POST', `/api/notifications/${urgentNote.id}/read`);
      expect(res.status).toBe(204);
      expect((await inv.call('POST', `/api/notifications/${urgentNote.id}/read`)).status).toBe(204);
      const after = await notes(inv, '?unread=true&limit=100');
      expect(after.items.map((n) => n.id)).not.toContain(urgentNote.id);
      expect(after.unreadCount).toBe(unread.unreadCount - 1);
      const read = await notes(inv, '?unread=false');
      expect(read.items.map((n) => [n.id, n.read])).toEqual([[urgentNote.id, true]]);
      expect((await inv.call('GET', '/api/notifications?unread=maybe&limit=0')).status).toBe(400);
      const audit = await db.query(
        `SELECT entity_id FROM audit_log WHERE action = 'notification.read'`,
      );
      expect(audit.rows).toEqual([{ entity_id: urgentNote.id }]);
    });

    it('pages the list with a cursor', async () => {
      const first = await notes(sup, '?limit=1');
      expect(first.items).toHaveLength(1);
      expect(first.nextCursor).not.toBeNull();
      const second = await notes(sup, `?limit=1&cursor=${first.nextCursor}`);
      expect(second.items).toHaveLength(1);
      expect(second.items[0].id).not.toBe(first.items[0].id);
      expect((await sup.call('GET', '/api/notifications?cursor=bad')).status).toBe(400);
    });

    it('tells the investigator holding the lead when the tipster replies, not the others', async () => {
      const report = newTip({ ward: 'Phường 9' });
      const sent = await http<{ reference: string; followUpCode: string }>(
        stack.baseUrl,
        'POST',
        '/api/public/tips',
        { category: report.category, ward: report.ward, description: report.description },
      );
      expect(sent.status).toBe(202);
      const found = await waitFor(async () => {
        const r = await sup.must<{ items: TipBody[] }>(
          'GET',
          `/api/tips?reference=${sent.body.reference}`,
        );
        return r.body.items[0]?.stage === 'lead_open' ? r.body.items[0] : undefined;
      }, 20_000);
      await claimLead(inv, found.leadId!);
      const body = 'Tôi nhớ thêm biển số xe: 59X1-234.56';
      const reply = await http(
        stack.baseUrl,
        'POST',
        '/api/public/tips/messages',
        { body },
        { 'x-follow-up-code': sent.body.followUpCode },
      );
      expect(reply.status).toBe(201);
      const n = await noteFor(inv, 'tipster_replied', found.id);
      expect(n.entityType).toBe('tip');
      expect(JSON.stringify(n)).not.toContain('59X1');
      await new Promise((r) => setTimeout(r, 500));
      expect(await countOf(inv2, 'tipster_replied', found.id)).toBe(0);
      expect(await countOf(sup, 'tipster_replied', found.id)).toBe(0);
    });

    it('tells the supervisors when a dismissed lead is reopened by a new report', async () => {
      const first = await submit({
        category: 'theft',
        ward: 'Phường 15',
        description:
          'Có người bẻ khóa xe máy biển số 59-X1 234.56 trước nhà số 9 Hoàng Diệu lúc 2 giờ sáng.',
      });
      const a = await settled(first, ['lead_open']);
      await claimLead(inv, a.leadId!);
      await inv.must('POST', `/api/leads/${a.leadId}/dismiss`, { reason: 'Không xác minh được' });
      const second = await submit({
        category: 'theft',
        ward: 'Phường 15',
        description:
          'Sáng nay tôi thấy chiếc xe 59X1-23456 bị bẻ khóa dắt đi khỏi trước số 9 Hoàng Diệu.',
      });
      await settled(second, ['duplicate']);
      const n = await noteFor(sup, 'lead_reopened', a.leadId!);
      expect(n.entityType).toBe('lead');
    });

    it('warns the holder of a deadline near, then the holder and supervisors of a deadline missed, once per deadline', async () => {
      const t = await settled(await submit({ ward: 'Phường 6' }), ['lead_open']);
      await claimLead(inv2, t.leadId!);
      // Setup only: a deadline a day away, inside the 72-hour warning.
      await db.query(`UPDATE tips SET decision_due_at = now() + interval '1 day' WHERE id = $1`, [
        t.id,
      ]);
      const near = await noteFor(inv2, 'deadline_near', t.id);
      expect(near.entityType).toBe('tip');
      expect(await countOf(sup, 'deadline_near', t.id)).toBe(0);
      // Then a deadline about to pass.
      await db.query(
        `UPDATE tips SET decision_due_at = now() + interval '1 second' WHERE id = $1`,
        [t.id],
      );
      await noteFor(inv2, 'deadline_missed', t.id);
      await noteFor(sup, 'deadline_missed', t.id);
      expect((await getTip(t.id)).overdue).toBe(true);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(await countOf(sup, 'deadline_missed', t.id)).toBe(1);
      expect(await countOf(inv2, 'deadline_missed', t.id)).toBe(1);
      expect(await countOf(inv, 'deadline_missed', t.id)).toBe(0);
    });
  });
  describe('a list refreshed on a timer', () => {
    it('writes an audit entry when the list shows something new, not for each unchanged refresh', async () => {
      const me = (await op.must<{ id: string }>('GET', '/api/users/me')).body.id;
      const listed = async () =>
        (
          await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM audit_log WHERE actor = $1 AND action = 'tips.listed'`,
            [me],
          )
        ).rows[0].n;
      const path = '/api/tips?mine=true&limit=10';
      await op.must('GET', path);
      const first = await listed();
      for (let i = 0; i < 5; i++) await op.must('GET', path);
      expect(await listed()).toBe(first);
      // Another list is another read.
      await op.must('GET', '/api/tips?mine=true&limit=5');
      expect(await listed()).toBe(first + 1);
      // New content (a tip taken, then moving on) is a new entry.
      const id = await submit({ ward: 'Phường 10' });
      await settled(id, ['lead_open', 'needs_review', 'rejected', 'duplicate']);
      await op.must('GET', path);
      expect(await listed()).toBe(first + 2);
      await op.must('GET', path);
      expect(await listed()).toBe(first + 2);
    });
  });
});
