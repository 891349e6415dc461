import {
  describeEvent,
  DESCRIBED_EVENT_TYPES,
  explainReason,
  isReasonCode,
  REASON_CODES,
  type Reason,
  URGENT_SIGNAL_TEXT,
} from './reasons';

// One example of every code, with the parameters its producer gives it.
const EXAMPLES: Reason[] = [
  { code: 'category', params: { category: 'weapons', points: 50 } },
  { code: 'keyword', params: { family: 'weapons', term: 'súng', points: 15 } },
  { code: 'channel', params: { channel: 'web', points: -5 } },
  { code: 'recent_2h', params: { points: 10 } },
  { code: 'recent_24h', params: { points: 5 } },
  { code: 'old_report', params: { points: -10 } },
  { code: 'clamped', params: { priority: 100 } },
  ...Object.keys(URGENT_SIGNAL_TEXT).map((signal) => ({ code: 'urgent', params: { signal } })),
  { code: 'urgent_floor', params: { priority: 80 } },
  { code: 'spam_symbols' },
  { code: 'spam_advertising' },
  { code: 'spam_repeated_chars' },
  { code: 'spam_repeated_words' },
  { code: 'spam_random' },
  { code: 'spam_test' },
  { code: 'spam_shouting' },
  { code: 'vague_few_words' },
  { code: 'vague_nothing_concrete' },
  { code: 'vague_hedged' },
  { code: 'unsure_advertising' },
  { code: 'tipster_replied' },
  {
    code: 'duplicate_of',
    params: {
      reference: 'TT-2025-000123',
      shared: 'phone 0901234567, plate 59a12345',
      similarity: 0.55,
    },
  },
  { code: 'same_ward' },
  { code: 'same_category' },
  { code: 'shared_entity', params: { kind: 'phone', value: '0901234567' } },
  { code: 'shared_entity', params: { kind: 'plate', value: '59a12345' } },
  { code: 'shared_entity', params: { kind: 'address', value: '12 ton dan' } },
  { code: 'shared_entity', params: { kind: 'landmark', value: 'cho xom chieu' } },
  { code: 'shared_entity', params: { kind: 'person', value: 'Ba Sẹo' } },
  { code: 'text_similarity', params: { similarity: 0.4 } },
  { code: 'opened_after_lead' },
];

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const LEAD = '3f2c9a41-7d0e-4b8a-9c55-0e6f1a2b3c4d';
const CASE = 'a81b7c22-1111-4222-8333-944455556666';
const TIP = '0b7e4d11-aaaa-4bbb-8ccc-ddddeeeeffff';

const EVENTS: [string, Record<string, unknown>][] = [
  ['received', { channel: 'hotline' }],
  ['received', { channel: 'web', imported: true }],
  ['triaged', { priority: 45 }],
  ['triaged', { priority: 90, urgent: true }],
  ['triaged', { priority: 20, rejectedReason: 'spam_advertising' }],
  ['triaged', { priority: 20, reviewReason: 'vague_few_words' }],
  ['triaged', { priority: 20, rejectedReason: 'spam: The description is mostly symbols.' }],
  ['sent_to_review', { reviewReason: 'tipster_replied' }],
  ['duplicate_detected', { duplicateOf: TIP, shared: ['phone 0901234567'], similarity: 0.62 }],
  ['lead_opened', { leadId: LEAD, priority: 80, urgent: true, suggestions: 2 }],
  ['lead_joined', { leadId: LEAD }],
  ['lead_joined', { leadId: LEAD, caseId: CASE }],
  ['claimed', { leaseExpiresAt: '2025-03-10T08:05:00.000Z' }],
  ['released', {}],
  ['released', { brokenLease: true }],
  ['lease_expired', { claimedBy: TIP }],
  ['linked', { caseId: CASE }],
  ['dismissed', {}],
  ['dismissed', { reason: 'Không đủ căn cứ' }],
  ['arrest_recorded', { caseId: CASE, arrestId: TIP }],
  ['case_resolved', { caseId: CASE, resolution: 'solved' }],
  ['case_resolved', { caseId: CASE, resolution: 'unfounded' }],
  ['case_reopened', { caseId: CASE }],
  ['message', { direction: 'from_tipster', messageId: TIP }],
  ['message', { direction: 'to_tipster', messageId: TIP }],
  ['reviewed', { decision: 'accept', reason: 'Có địa chỉ cụ thể', priority: 60 }],
  ['reviewed', { decision: 'reject', reason: 'Quảng cáo' }],
  ['restored', { reason: 'Tin thật, người báo đã gọi lại' }],
  ['unmerged', { reason: 'Hai vụ khác nhau', fromLeadId: LEAD, leadId: CASE }],
  ['priority_overridden', { leadId: LEAD, from: 40, to: 85, reason: 'Có trẻ em' }],
  ['attachment_added', { attachmentId: TIP, kind: 'image', size: 1234, sha256: 'ab', by: 'staff' }],
  ['attachment_added', { attachmentId: TIP, kind: 'video', size: 99, sha256: 'cd', by: 'tipster' }],
  ['lead_reopened', { leadId: LEAD, byTipId: TIP }],
  [
    'deadline_extended',
    { days: 10, reason: 'Chờ kết quả giám định', decisionDueAt: '2025-03-30T08:05:00.000Z' },
  ],
  ['imported', {}],
  ['imported', { externalRef: 'Q4-2023-00017' }],
];

describe('explainReason', () => {
  it('has an example of every code of the catalogue', () => {
    expect(new Set(EXAMPLES.map((r) => r.code))).toEqual(new Set(REASON_CODES));
  });

  it.each(EXAMPLES.map((r) => [r.code, r] as const))(
    '%s: non-empty Vietnamese and English that differ',
    (_code, r) => {
      const x = explainReason(r);
      expect(x.code).toBe(r.code);
      expect(x.vi.trim()).not.toBe('');
      expect(x.en.trim()).not.toBe('');
      expect(x.vi).not.toBe(x.en);
      expect(`${x.vi} ${x.en}`).not.toMatch(/undefined|null|NaN|\[object|\?/);
    },
  );

  it('explains the priority codes with Vietnamese category and channel names', () => {
    expect(
      explainReason({ code: 'category', params: { category: 'weapons', points: 50 } }),
    ).toEqual({
      code: 'category',
      params: { category: 'weapons', points: 50 },
      vi: 'Loại tin «Vũ khí, vật liệu nổ, hung khí»: +50',
      en: 'Category Weapons and explosives: +50',
    });
    const ch = (channel: string) =>
      explainReason({ code: 'channel', params: { channel, points: 5 } }).vi;
    expect(ch('hotline')).toContain('đường dây nóng');
    expect(ch('walk_in')).toContain('trực tiếp');
    expect(ch('web')).toContain('trang web');
    expect(ch('app')).toContain('ứng dụng');
    expect(ch('patrol')).toContain('tuần tra');
    expect(explainReason({ code: 'channel', params: { channel: 'web', points: -5 } }).en).toBe(
      'Channel website: -5',
    );
    expect(
      explainReason({ code: 'keyword', params: { family: 'weapons', term: 'súng', points: 15 } }),
    ).toMatchObject({
      vi: 'Từ khóa nhóm vũ khí («súng»): +15',
      en: 'Keyword, weapons ("súng"): +15',
    });
  });

  it('names urgent signals as threats to life', () => {
    expect(explainReason({ code: 'urgent', params: { signal: 'weapon_in_use' } })).toMatchObject({
      vi: 'Đe dọa tính mạng: đang dùng vũ khí',
      en: 'Threat to life: weapon in use',
    });
    expect(explainReason({ code: 'urgent_floor', params: { priority: 80 } }).en).toContain('80');
  });

  it('writes decimals with a comma in Vietnamese and a point in English', () => {
    const sim = explainReason({ code: 'text_similarity', params: { similarity: 0.55 } });
    expect(sim.vi).toContain('0,55');
    expect(sim.en).toContain('0.55');
    const dup = explainReason(EXAMPLES.find((r) => r.code === 'duplicate_of')!);
    expect(dup.vi).toBe(
      'Trùng với tin báo TT-2025-000123: chung số điện thoại 0901234567, biển số 59a12345, độ giống văn bản 0,55',
    );
    expect(dup.en).toBe(
      'Duplicate of TT-2025-000123: shared phone 0901234567, plate 59a12345, text similarity 0.55',
    );
  });

  it('gives the tipster_replied review reason its wording', () => {
    expect(explainReason('tipster_replied')).toEqual({
      code: 'tipster_replied',
      vi: 'Người báo tin đã nhắn thêm',
      en: 'The tipster sent a new message',
    });
  });

  it('shows a legacy reason string as it is, in both languages', () => {
    expect(explainReason('category weapons: +50')).toEqual({
      code: 'text',
      vi: 'category weapons: +50',
      en: 'category weapons: +50',
    });
  });

  it('gives an unknown code a generic line', () => {
    const x = explainReason({ code: 'something_new' });
    expect(x.vi).toContain('something_new');
    expect(x.en).toContain('something_new');
    expect(x.vi).not.toBe(x.en);
  });

  it('tells codes from other strings', () => {
    expect(isReasonCode('spam_test')).toBe(true);
    expect(isReasonCode('toString')).toBe(false);
    expect(isReasonCode('Tin rác')).toBe(false);
  });
});

describe('describeEvent', () => {
  it('covers every event type of the examples and the contract', () => {
    const types = new Set(EVENTS.map(([t]) => t));
    for (const t of DESCRIBED_EVENT_TYPES) expect(types).toContain(t);
  });

  it.each(EVENTS.map(([t, d]) => [t, JSON.stringify(d), d] as const))(
    '%s %s: one readable line per language, no raw keys or ISO times',
    (type, _json, detail) => {
      const x = describeEvent(type, detail);
      expect(x.vi.trim()).not.toBe('');
      expect(x.en.trim()).not.toBe('');
      expect(x.vi).not.toBe(x.en);
      for (const line of [x.vi, x.en]) {
        expect(line).not.toMatch(/\n/);
        expect(line).not.toMatch(ISO);
        expect(line).not.toMatch(
          /caseId|leaseExpiresAt|leadId|byTipId|fromLeadId|duplicateOf|rejectedReason|reviewReason|messageId|undefined|null|NaN|\[object/,
        );
        // Full ids are shortened.
        expect(line).not.toContain(LEAD);
        expect(line).not.toContain(CASE);
        expect(line).not.toContain(TIP);
      }
    },
  );

  it('shows the lease end in Ho Chi Minh City time, 24-hour', () => {
    const x = describeEvent('claimed', { leaseExpiresAt: '2025-03-10T08:05:00.000Z' });
    expect(x.vi).toContain('10/03/2025 15:05');
    expect(x.en).toContain('10/03/2025 15:05');
    const late = describeEvent('claimed', { leaseExpiresAt: '2025-12-31T20:30:00.000Z' });
    expect(late.vi).toContain('01/01/2026 03:30');
  });

  it('explains the triage outcome by its reason code', () => {
    expect(describeEvent('triaged', { priority: 20, rejectedReason: 'spam_test' }).vi).toContain(
      'tin nhắn thử',
    );
    expect(describeEvent('triaged', { priority: 20, reviewReason: 'vague_hedged' }).en).toContain(
      'hedges',
    );
    expect(describeEvent('triaged', { priority: 90, urgent: true }).en).toContain('urgent');
  });

  it('quotes the reason a person gave and shortens ids to 8 characters', () => {
    const x = describeEvent('priority_overridden', { from: 40, to: 85, reason: 'Có trẻ em' });
    expect(x.vi).toBe('Đổi mức ưu tiên từ 40 thành 85: «Có trẻ em»');
    expect(x.en).toBe('Priority changed from 40 to 85: "Có trẻ em"');
    expect(describeEvent('linked', { caseId: CASE }).en).toBe('Linked to case a81b7c22');
    expect(describeEvent('duplicate_detected', { duplicateOf: TIP, similarity: 0.5 }).vi).toBe(
      'Phát hiện trùng với tin báo 0b7e4d11 (độ giống văn bản 0,50)',
    );
  });

  it('gives an unknown event type a generic line', () => {
    const x = describeEvent('something_else', { secret: 'x' });
    expect(x.vi).toContain('something else');
    expect(x.en).toContain('something else');
    expect(`${x.vi}${x.en}`).not.toContain('secret');
  });
});
