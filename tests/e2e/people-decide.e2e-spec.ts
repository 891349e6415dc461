import { Client } from 'pg';
import { ApiClient, http, ProcessStack, userWithRole, waitFor } from '@tools/stack';
import { testStack, TestStack } from '@app/testing';

interface Text {
  vi: string;
  en: string;
}
interface TipBody {
  id: string;
  stage: string;
  leadId: string | null;
  caseIds: string[];
  outcome: { caseStatus: string | null; resolution: string | null; arrests: number };
  triage: {
    priority: number;
    urgent: boolean;
    reasons: string[];
    reasonDetails: (Text & { code: string })[];
    duplicateOf: string | null;
    rejectedReason: string | null;
    rejectedReasonText: Text | null;
    reviewReason: string | null;
    reviewReasonText: Text | null;
  } | null;
}
interface LeadBody {
  id: string;
  stage: string;
  priority: number;
  urgent: boolean;
  tipIds: string[];
  suggestions: { caseId: string; score: number; reasons: string[]; reasonDetails: Text[] }[];
}
interface TraceBody {
  events: { type: string; actor: string | null; detail: Record<string, unknown>; text: Text }[];
}
interface FunnelBody {
  tipsReceived: number;
  tipsActionable: number;
  tipsDuplicate: number;
  tipsRejected: number;
  tipsNeedingReview: number;
  tipsLinked: number;
}

const tip = (over: Record<string, unknown>) => ({
  channel: 'hotline',
  category: 'other',
  ward: 'Phường 1',
  anonymous: true,
  ...over,
});

/**
 * "People decide; triage recommends" through the real processes: life first, review instead of
 * automatic closing for anything but clear junk, every automatic decision undone with a reason,
 * new corroboration reaching a person, and the funnel counting each tip once in its current state.
 */
describe('people decide; triage recommends', () => {
  let stack: ProcessStack;
  let t: TestStack | undefined;
  let op: ApiClient;
  let op2: ApiClient;
  let inv: ApiClient;
  let inv2: ApiClient;
  let sup: ApiClient;
  let db: Client;

  const submit = async (body: Record<string, unknown>) =>
    (await op.must<{ id: string }>('POST', '/api/tips', body, [202])).body.id;
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
  const trace = async (id: string) =>
    (await sup.must<TraceBody>('GET', `/api/tips/${id}/trace`)).body.events;
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
    t = await testStack('people_decide', (s) => s.startAll(), { env: { JOB_BACKOFF_MS: '100' } });
    ({ stack, db } = t);
    [op, op2, inv, inv2, sup] = await Promise.all([
      userWithRole(stack.baseUrl, 'operator'),
      userWithRole(stack.baseUrl, 'operator'),
      userWithRole(stack.baseUrl, 'investigator'),
      userWithRole(stack.baseUrl, 'investigator'),
      userWithRole(stack.baseUrl, 'supervisor'),
    ]);
  });

  afterAll(() => t?.cleanup());

  describe('life first', () => {
    it('opens an urgent lead at priority ≥ 80 for short threats to life, in both languages', async () => {
      const texts = [
        'Có người cầm súng ở đây, mau đến',
        'Con tôi bị bắt cóc',
        'Co nguoi tu tu tren cau',
        'Tôi bị đánh',
        'someone has a gun, come now',
      ];
      const ids = [];
      for (const d of texts) ids.push(await submit(tip({ ward: 'Phường 13', description: d })));
      for (const id of ids) {
        const t = await settled(id, ['lead_open', 'duplicate']);
        expect(t.triage!.urgent).toBe(true);
        expect(t.triage!.priority).toBeGreaterThanOrEqual(80);
        expect(t.triage!.rejectedReason).toBeNull();
        expect(t.triage!.reasonDetails.some((r) => r.code === 'urgent')).toBe(true);
        const lead = (await sup.must<LeadBody>('GET', `/api/leads/${t.leadId}`)).body;
        expect(lead.stage).toBe('open');
        expect(lead.urgent).toBe(true);
        expect(lead.priority).toBeGreaterThanOrEqual(80);
      }
      const urgentLeads = await sup.must<{ items: LeadBody[] }>('GET', '/api/leads?urgent=true');
      expect(urgentLeads.body.items.every((l) => l.urgent)).toBe(true);
      expect(urgentLeads.body.items.length).toBeGreaterThanOrEqual(1);
      const calm = await submit(
        tip({
          category: 'theft',
          description:
            'Tuần trước nhà tôi ở số 14 Vĩnh Khánh bị mất một chiếc xe đạp để trước cửa, không ai thấy.',
        }),
      );
      expect((await settled(calm, ['lead_open'])).triage!.urgent).toBe(false);
    });

    it('hands urgent leads out before older, higher-priority ordinary ones', async () => {
      // An ordinary lead made to look old and important: it still waits behind the urgent one.
      const ordinary = await submit(
        tip({
          category: 'drugs',
          ward: 'Phường 16',
          description:
            'Nhà số 77 Tôn Thất Thuyết có người bán ma túy đá cho thanh niên vào mỗi tối từ 20 giờ.',
        }),
      );
      const o = await settled(ordinary, ['lead_open']);
      await db.query(
        `UPDATE leads SET priority = 100, opened_at = now() - interval '30 hours' WHERE id = $1`,
        [o.leadId],
      );
      const urgent = await submit(
        tip({
          ward: 'Phường 16',
          description: 'Có người đang cầm dao đâm người trước chợ, mau lên',
        }),
      );
      const u = await settled(urgent, ['lead_open']);
      const first = await inv2.must<LeadBody>('POST', '/api/leads/claim', { wards: ['Phường 16'] });
      expect(first.body.id).toBe(u.leadId);
      expect(first.body.urgent).toBe(true);
      await inv2.must('POST', `/api/leads/${first.body.id}/release`, {});
    });
  });

  describe('review instead of automatic closing', () => {
    let vague: string;

    it('sends a vague report to needs_review with a reason in both languages; the tipster sees under_review', async () => {
      const res = await http<{ reference: string; followUpCode: string }>(
        stack.baseUrl,
        'POST',
        '/api/public/tips',
        { category: 'other', ward: 'Phường 2', description: 'Ở đây có chuyện gì đó lạ lắm' },
      );
      expect(res.status).toBe(202);
      const row = await waitFor(async () => {
        const r = await db.query(`SELECT id, stage FROM tips WHERE reference = $1`, [
          res.body.reference,
        ]);
        return r.rows[0]?.stage === 'needs_review' ? r.rows[0] : undefined;
      }, 20_000);
      vague = row.id;
      const t = await getTip(vague);
      expect(t.stage).toBe('needs_review');
      expect(t.triage!.urgent).toBe(false);
      expect(t.triage!.reviewReason).toMatch(/^vague_/);
      expect(t.triage!.reviewReasonText!.vi).not.toBe(t.triage!.reviewReasonText!.en);
      expect(t.leadId).toBeNull();
      const status = await http<{ status: string }>(
        stack.baseUrl,
        'GET',
        '/api/public/tips/status',
        undefined,
        { 'x-follow-up-code': res.body.followUpCode },
      );
      expect(status.body.status).toBe('under_review');
      const other = await submit(
        tip({ ward: 'Phường 2', description: 'hình như có chuyện gì đó' }),
      );
      await settled(other, ['needs_review']);
      const oldestFirst = await op.must<{ items: TipBody[] }>(
        'GET',
        '/api/tips?stage=needs_review&order=asc&limit=1',
      );
      expect(oldestFirst.body.items.map((x) => x.id)).toEqual([vague]);
      // Another operator works the review queue: the tip is listed there.
      const queue = await op2.must<{ items: TipBody[] }>('GET', '/api/tips?stage=needs_review');
      expect(queue.body.items.map((x) => x.id)).toContain(vague);
    });

    it('refuses bad decisions with a message per field, other roles with 403, and changes nothing', async () => {
      const bad = await op.call<{ errors: Record<string, string[]> }>(
        'POST',
        `/api/tips/${vague}/review`,
        { decision: 'maybe', reason: 'x', priority: 140 },
      );
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.errors).sort()).toEqual(['decision', 'priority', 'reason']);
      const denied = await inv.call('POST', `/api/tips/${vague}/review`, {
        decision: 'accept',
        reason: 'looks real',
      });
      expect(denied.status).toBe(403);
      expect((await getTip(vague)).stage).toBe('needs_review');
      const unknown = await op.call(
        'POST',
        `/api/tips/00000000-0000-4000-8000-000000000000/review`,
        {
          decision: 'accept',
          reason: 'looks real',
        },
      );
      expect(unknown.status).toBe(404);
    });

    it('accepts: the tip opens a lead with the priority the person gave; a second decision is 409', async () => {
      const res = await op.must<TipBody>('POST', `/api/tips/${vague}/review`, {
        decision: 'accept',
        reason: 'Người gọi lại cho biết địa điểm cụ thể',
        priority: 55,
      });
      expect(res.body.stage).toBe('lead_open');
      expect(res.body.triage!.reviewReason).toBeNull();
      const lead = (await sup.must<LeadBody>('GET', `/api/leads/${res.body.leadId}`)).body;
      expect(lead.priority).toBe(55);
      const again = await op.call('POST', `/api/tips/${vague}/review`, {
        decision: 'reject',
        reason: 'changed my mind',
      });
      expect(again.status).toBe(409);
      const events = await trace(vague);
      const reviewed = events.find((e) => e.type === 'reviewed')!;
      expect(reviewed.actor).toBe(op.username);
      expect(reviewed.detail).toMatchObject({ decision: 'accept', priority: 55 });
      expect(events.map((e) => e.type)).toEqual(
        expect.arrayContaining(['received', 'triaged', 'reviewed', 'lead_opened']),
      );
      const audit = await db.query(
        `SELECT actor, action FROM audit_log WHERE entity_id = $1 AND action = 'tip.reviewed'`,
        [vague],
      );
      expect(audit.rows).toEqual([{ actor: op.username, action: 'tip.reviewed' }]);
    });

    it('rejects with the person’s reason', async () => {
      const id = await submit(tip({ ward: 'Phường 3', description: 'có gì đó không ổn ở đây' }));
      await settled(id, ['needs_review']);
      const res = await sup.must<TipBody>('POST', `/api/tips/${id}/review`, {
        decision: 'reject',
        reason: 'Gọi lại không liên lạc được, không có địa điểm',
      });
      expect(res.body.stage).toBe('rejected');
      expect(res.body.triage!.rejectedReason).toBe(
        'Gọi lại không liên lạc được, không có địa điểm',
      );
    });
  });

  describe('undo with a reason', () => {
    const spam =
      'KHUYẾN MÃI SỐC!!! Vay tiền nhanh không cần thế chấp, giải ngân trong 5 phút, liên hệ zalo ngay, click http://vay-nhanh.example';

    it('restores a rejected tip (supervisor only) and it goes on as if accepted', async () => {
      const id = await submit(tip({ ward: 'Phường 6', channel: 'web', description: spam }));
      const t = await settled(id, ['rejected']);
      expect(t.triage!.rejectedReason).toMatch(/^spam_/);
      expect(t.triage!.rejectedReasonText!.vi.length).toBeGreaterThan(0);
      expect((await op.call('POST', `/api/tips/${id}/restore`, { reason: 'xem lại' })).status).toBe(
        403,
      );
      const res = await sup.must<TipBody>('POST', `/api/tips/${id}/restore`, {
        reason: 'Người dân phản ánh đường dây cho vay nặng lãi này',
      });
      expect(res.body.stage).toBe('lead_open');
      expect(res.body.triage!.rejectedReason).toBeNull();
      expect(
        (await sup.call('POST', `/api/tips/${id}/restore`, { reason: 'again please' })).status,
      ).toBe(409);
      expect((await trace(id)).map((e) => e.type)).toContain('restored');
    });

    it('moves a rejected tip to needs_review when its tipster writes again', async () => {
      const res = await http<{ reference: string; followUpCode: string }>(
        stack.baseUrl,
        'POST',
        '/api/public/tips',
        { category: 'other', ward: 'Phường 9', description: spam },
      );
      const code = { 'x-follow-up-code': res.body.followUpCode };
      const row = await waitFor(async () => {
        const r = await db.query(`SELECT id, stage FROM tips WHERE reference = $1`, [
          res.body.reference,
        ]);
        return r.rows[0]?.stage === 'rejected' ? r.rows[0] : undefined;
      }, 20_000);
      const closed = await http<{ status: string }>(
        stack.baseUrl,
        'GET',
        '/api/public/tips/status',
        undefined,
        code,
      );
      expect(closed.body.status).toBe('closed');
      const msg = await http<{ status: string }>(
        stack.baseUrl,
        'POST',
        '/api/public/tips/messages',
        { body: 'Xin lỗi, tôi muốn báo: nhóm này cho vay nặng lãi ở hẻm 12 Tôn Đản' },
        code,
      );
      expect(msg.status).toBe(201);
      expect(msg.body.status).toBe('under_review');
      const t = await getTip(row.id);
      expect(t.stage).toBe('needs_review');
      expect(t.triage!.reviewReason).toBe('tipster_replied');
    });

    it('unmerges a wrong duplicate into a lead of its own; the trace keeps what it was', async () => {
      const first = await submit(
        tip({
          category: 'robbery',
          ward: 'Phường 10',
          description:
            'Khoảng 21 giờ, hai thanh niên đi xe máy biển số 59-K2 456.78 giật điện thoại của một chị bán hàng trước số 120 Tôn Đản.',
        }),
      );
      const a = await settled(first, ['lead_open']);
      const second = await submit(
        tip({
          category: 'robbery',
          ward: 'Phường 10',
          description:
            'Tôi thấy xe biển 59K2-45678 chở hai người chạy rất nhanh trên đường Tôn Đản, có vẻ vừa giật đồ.',
        }),
      );
      const b = await settled(second, ['duplicate']);
      expect(b.triage!.duplicateOf).toBe(first);
      expect(b.leadId).toBe(a.leadId);
      expect(
        (await op.call('POST', `/api/tips/${second}/unmerge`, { reason: 'khác vụ' })).status,
      ).toBe(403);
      expect(
        (await inv.call('POST', `/api/tips/${first}/unmerge`, { reason: 'không phải trùng' }))
          .status,
      ).toBe(409);
      const res = await inv.must<TipBody>('POST', `/api/tips/${second}/unmerge`, {
        reason: 'Hai vụ khác nhau, cách nhau một ngày',
      });
      expect(res.body.stage).toBe('lead_open');
      expect(res.body.triage!.duplicateOf).toBeNull();
      expect(res.body.leadId).not.toBe(a.leadId);
      const oldLead = (await sup.must<LeadBody>('GET', `/api/leads/${a.leadId}`)).body;
      expect(oldLead.tipIds).toEqual([first]);
      const types = (await trace(second)).map((e) => e.type);
      expect(types).toEqual(
        expect.arrayContaining(['duplicate_detected', 'lead_joined', 'unmerged', 'lead_opened']),
      );
      expect(
        (await inv.call('POST', `/api/tips/${second}/unmerge`, { reason: 'again please' })).status,
      ).toBe(409);
    });

    it('overrides a lead’s priority: supervisor or claimer; others 403; closed leads 409', async () => {
      const id = await submit(
        tip({
          category: 'gambling',
          ward: 'Phường 14',
          description:
            'Quán cà phê số 33 Xóm Chiếu tổ chức đánh bạc ăn tiền mỗi tối, có khoảng 10 người tham gia.',
        }),
      );
      const t = await settled(id, ['lead_open']);
      const byOp = await op.call('POST', `/api/leads/${t.leadId}/priority`, {
        priority: 70,
        reason: 'ưu tiên',
      });
      expect(byOp.status).toBe(403);
      const notClaimer = await inv.call('POST', `/api/leads/${t.leadId}/priority`, {
        priority: 70,
        reason: 'ưu tiên',
      });
      expect(notClaimer.status).toBe(403);
      const bad = await sup.call<{ errors: Record<string, string[]> }>(
        'POST',
        `/api/leads/${t.leadId}/priority`,
        { priority: 101 },
      );
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.errors).sort()).toEqual(['priority', 'reason']);
      const set = await sup.must<LeadBody>('POST', `/api/leads/${t.leadId}/priority`, {
        priority: 90,
        reason: 'Đã có nhiều phản ánh về điểm này',
      });
      expect(set.body.priority).toBe(90);
      const claimed = await claimLead(inv, t.leadId!);
      const mine = await inv.must<LeadBody>('POST', `/api/leads/${claimed.id}/priority`, {
        priority: 40,
        reason: 'Xác minh ban đầu: quy mô nhỏ',
      });
      expect(mine.body.priority).toBe(40);
      await inv.must('POST', `/api/leads/${claimed.id}/dismiss`, { reason: 'Không có dấu hiệu' });
      const closed = await sup.call('POST', `/api/leads/${claimed.id}/priority`, {
        priority: 10,
        reason: 'quá muộn',
      });
      expect(closed.status).toBe(409);
      const events = (await trace(id)).filter((e) => e.type === 'priority_overridden');
      expect(events.map((e) => e.detail.to)).toEqual([90, 40]);
    });
  });

  describe('new corroboration reaches a person', () => {
    it('puts a dismissed lead back in the queue when a new report of its event arrives', async () => {
      const first = await submit(
        tip({
          category: 'theft',
          ward: 'Phường 15',
          description:
            'Có người bẻ khóa xe máy biển số 59-X1 234.56 trước nhà số 9 Hoàng Diệu lúc 2 giờ sáng.',
        }),
      );
      const a = await settled(first, ['lead_open']);
      await claimLead(inv, a.leadId!);
      await inv.must('POST', `/api/leads/${a.leadId}/dismiss`, { reason: 'Không xác minh được' });
      expect((await getTip(first)).stage).toBe('dismissed');
      const second = await submit(
        tip({
          category: 'theft',
          ward: 'Phường 15',
          description:
            'Sáng nay tôi thấy chiếc xe 59X1-23456 bị bẻ khóa dắt đi khỏi trước số 9 Hoàng Diệu.',
        }),
      );
      const b = await settled(second, ['duplicate']);
      expect(b.leadId).toBe(a.leadId);
      const lead = (await sup.must<LeadBody>('GET', `/api/leads/${a.leadId}`)).body;
      expect(lead.stage).toBe('open');
      expect(lead.tipIds.sort()).toEqual([first, second].sort());
      expect((await getTip(first)).stage).toBe('lead_open');
      const reopened = (await trace(first)).filter((e) => e.type === 'lead_reopened');
      expect(reopened).toHaveLength(1);
      expect(reopened[0].detail).toMatchObject({ leadId: a.leadId, byTipId: second });
    });

    it('gives a duplicate that joins a linked lead the case and its outcome', async () => {
      const first = await submit(
        tip({
          category: 'robbery',
          ward: 'Phường 18',
          description:
            'Hai đối tượng đi xe biển số 59-H1 777.88 cướp giật túi xách của một phụ nữ trước số 50 Bến Vân Đồn.',
        }),
      );
      const a = await settled(first, ['lead_open']);
      await claimLead(inv, a.leadId!);
      const linked = await inv.must<{ case: { id: string } }>(
        'POST',
        `/api/leads/${a.leadId}/link`,
        {
          newCase: {
            title: 'Cướp giật Bến Vân Đồn',
            kind: 'criminal',
            category: 'robbery',
            severity: 'serious',
            ward: 'Phường 18',
            occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          },
        },
      );
      const caseId = linked.body.case.id;
      await inv.must('POST', `/api/cases/${caseId}/arrests`, {
        personName: 'Nguyễn Văn A',
        arrestedAt: new Date().toISOString(),
      });
      await waitFor(
        async () => ((await getTip(first)).outcome.arrests === 1 ? true : undefined),
        20_000,
      );
      const second = await submit(
        tip({
          category: 'robbery',
          ward: 'Phường 18',
          description:
            'Tôi chứng kiến xe 59H1-77788 giật túi của một chị trước số 50 Bến Vân Đồn rồi chạy mất.',
        }),
      );
      const b = await settled(second, ['linked']);
      expect(b.caseIds).toEqual([caseId]);
      expect(b.outcome).toEqual({ caseStatus: 'open', resolution: null, arrests: 1 });
      const events = (await trace(second)).map((e) => e.type);
      expect(events).toEqual(expect.arrayContaining(['lead_joined', 'arrest_recorded']));
    });
  });

  it('suggests a case opened after the lead, when the lead is read again', async () => {
    const id = await submit(
      tip({
        category: 'fraud',
        ward: 'Phường 4',
        description:
          'Một người gọi điện xưng công an yêu cầu chuyển tiền vào tài khoản, tôi ở số 21 Khánh Hội đã mất 20 triệu.',
      }),
    );
    const t = await settled(id, ['lead_open']);
    const before = (await sup.must<LeadBody>('GET', `/api/leads/${t.leadId}`)).body;
    const made = await inv2.must<{ id: string }>(
      'POST',
      '/api/cases',
      {
        title: 'Giả danh công an lừa chuyển tiền',
        kind: 'criminal',
        category: 'fraud',
        severity: 'serious',
        ward: 'Phường 4',
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      },
      [201],
    );
    expect(before.suggestions.map((s) => s.caseId)).not.toContain(made.body.id);
    const after = (await sup.must<LeadBody>('GET', `/api/leads/${t.leadId}`)).body;
    const s = after.suggestions.find((x) => x.caseId === made.body.id);
    expect(s).toBeDefined();
    expect(s!.reasons).toEqual(expect.arrayContaining(['same ward', 'same category']));
    expect(s!.reasonDetails.length).toBe(s!.reasons.length);
  });

  it('writes every trace event as a readable line in both languages, no raw keys', async () => {
    const rows = await db.query(`SELECT DISTINCT tip_id FROM tip_events`);
    const seen = new Set<string>();
    for (const r of rows.rows.slice(0, 40)) {
      for (const e of await trace(r.tip_id)) {
        seen.add(e.type);
        for (const line of [e.text.vi, e.text.en]) {
          expect(line.length).toBeGreaterThan(0);
          expect(line).not.toMatch(/caseId|leaseExpiresAt|leadId|\d{4}-\d\d-\d\dT/);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(8);
  });

  it('counts each tip once in its current state in the funnel', async () => {
    const stages = await db.query(
      `SELECT count(*)::int AS received,
              count(*) FILTER (WHERE stage = 'needs_review')::int AS review,
              count(*) FILTER (WHERE stage = 'rejected')::int AS rejected,
              count(*) FILTER (WHERE duplicate_of IS NOT NULL)::int AS duplicate,
              count(*) FILTER (WHERE case_id IS NOT NULL)::int AS linked,
              count(*) FILTER (WHERE triaged_at IS NOT NULL AND duplicate_of IS NULL
                               AND stage NOT IN ('rejected', 'needs_review'))::int AS actionable
       FROM tips`,
    );
    const want = stages.rows[0];
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const f = await waitFor(async () => {
      const res = await sup.must<FunnelBody>('GET', `/api/reports/funnel?from=${from}&to=${to}`);
      return res.body.tipsReceived === want.received &&
        res.body.tipsNeedingReview === want.review &&
        res.body.tipsRejected === want.rejected &&
        res.body.tipsDuplicate === want.duplicate &&
        res.body.tipsActionable === want.actionable
        ? res.body
        : undefined;
    }, 20_000);
    expect(f.tipsNeedingReview).toBeGreaterThanOrEqual(1);
    expect(f.tipsReceived).toBe(
      f.tipsActionable + f.tipsDuplicate + f.tipsRejected + f.tipsNeedingReview,
    );
    expect(f.tipsLinked).toBe(want.linked);
  });
});
