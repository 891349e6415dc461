import { explainReason } from '@app/contracts';
import { decideTriage, URGENT_PRIORITY_FLOOR, type TriageInput } from './decide';
import { normalizeText } from './normalize';

const received = new Date('2025-03-10T15:00:00+07:00');

function input(overrides: Partial<TriageInput>): TriageInput {
  return {
    description: 'Có việc cần báo',
    category: 'other',
    channel: 'web',
    receivedAt: received,
    ...overrides,
  };
}

describe('decideTriage', () => {
  it.each([
    ['Có người cầm súng ở đây, mau đến', 'weapon_in_use'],
    ['Con tôi bị bắt cóc', 'kidnapping'],
    ['Có người tự tử trên cầu', 'suicide'],
    ['Tôi bị đánh', 'violence_in_progress'],
  ])('passes the issue example "%s" as urgent, priority at least 80', (description, signal) => {
    const d = decideTriage(input({ description }));
    expect(d.urgent).toBe(true);
    expect(d.signals).toContain(signal);
    expect(d.priority).toBeGreaterThanOrEqual(URGENT_PRIORITY_FLOOR);
    expect(d.verdict).toBe('pass');
    expect(d.reviewReason).toBeNull();
    expect(d.rejectedReason).toBeNull();
    expect(d.reasons).toContain(`urgent: ${signal}`);
    expect(d.codes).toContainEqual({ code: 'urgent', params: { signal } });
  });

  it('lifts an urgent tip to the floor and says so, once', () => {
    const d = decideTriage(input({ description: 'Tôi bị đánh' }));
    expect(URGENT_PRIORITY_FLOOR).toBe(80);
    expect(d.priority).toBe(80);
    expect(d.codes.at(-1)).toEqual({ code: 'urgent_floor', params: { priority: 80 } });
    expect(d.reasons.at(-1)).toBe('raised to 80 as urgent');
    expect(d.codes.filter((c) => c.code === 'urgent_floor')).toHaveLength(1);
  });

  it('keeps a higher score and adds no floor reason when none was needed', () => {
    const d = decideTriage(
      input({
        category: 'weapons',
        channel: 'patrol',
        description: 'Có người cầm súng và lựu đạn ở số 12 Tôn Đản, mau đến',
        occurredAt: new Date(received.getTime() - 10 * 60 * 1000),
      }),
    );
    expect(d.priority).toBe(100);
    expect(d.codes.map((c) => c.code)).not.toContain('urgent_floor');
    expect(d.signals).toEqual(['weapon_in_use', 'explosive']);
  });

  it('keeps reasons and codes parallel, and every code explainable', () => {
    const d = decideTriage(input({ category: 'assault', description: 'Tôi bị đánh' }));
    expect(d.codes).toHaveLength(d.reasons.length);
    for (const c of d.codes) {
      const x = explainReason(c);
      expect(x.vi).not.toBe('');
      expect(x.en).not.toMatch(/^Other reason/);
    }
  });

  it('never holds back an urgent tip that the screen would reject or send to review', () => {
    // All capitals, few words: the screen alone would call it shouting or too vague.
    const shouted = decideTriage(input({ description: 'CỨU VỚI CHÁY NHÀ' }));
    expect(shouted).toMatchObject({ urgent: true, verdict: 'pass', rejectedReason: null });
    const short = decideTriage(input({ description: 'my son is missing' }));
    expect(short).toMatchObject({ urgent: true, verdict: 'pass', reviewReason: null });
  });

  it('rejects clear junk with its code', () => {
    const d = decideTriage(
      input({ description: 'Vay tiền nhanh không cần thế chấp, giải ngân trong 5 phút' }),
    );
    expect(d).toMatchObject({
      urgent: false,
      signals: [],
      verdict: 'reject',
      rejectedReason: 'spam_advertising',
      reviewReason: null,
    });
  });

  it('sends text in capitals with nothing concrete to a person, not to the bin', () => {
    const d = decideTriage(input({ description: 'CÔNG AN LÀM ĂN KIỂU GÌ VẬY' }));
    expect(d).toMatchObject({
      verdict: 'review',
      reviewReason: 'spam_shouting',
      rejectedReason: null,
    });
  });

  it('sends a vague tip to review, and lets its address field anchor it', () => {
    const hedged = 'Có chuyện gì đó ở đây, mọi người tụ tập đông lắm.';
    expect(decideTriage(input({ description: hedged }))).toMatchObject({
      verdict: 'review',
      reviewReason: 'vague_hedged',
      rejectedReason: null,
    });
    expect(decideTriage(input({ description: hedged, address: '12 Tôn Đản' }))).toMatchObject({
      verdict: 'pass',
      reviewReason: null,
    });
    expect(
      decideTriage(input({ description: 'mấy ông kia nhìn ghê quá luôn', occurredAt: received })),
    ).toMatchObject({ verdict: 'pass' });
  });

  it('sends an ad-like report to review, never to rejection', () => {
    const d = decideTriage(
      input({
        description:
          'Tôi thấy quảng cáo vay tiền nhanh, liên hệ zalo 0912345678 thì bị đòi phí rồi mất 3 triệu.',
      }),
    );
    expect(d).toMatchObject({ verdict: 'review', reviewReason: 'unsure_advertising' });
  });

  it('passes an ordinary report with its priority unchanged', () => {
    const d = decideTriage(
      input({
        category: 'theft',
        channel: 'hotline',
        description: 'Tuần trước nhà tôi ở số 12 Tôn Đản bị mất trộm xe máy',
      }),
    );
    expect(d).toMatchObject({ urgent: false, verdict: 'pass', priority: 20 });
    expect(d.reasons).toEqual(['category theft: +20']);
    expect(d.codes).toEqual([{ code: 'category', params: { category: 'theft', points: 20 } }]);
  });

  it('gives the same decision with or without the normalized text', () => {
    const description = 'co nguoi cam sung o day';
    expect(decideTriage(input({ description, normalized: normalizeText(description) }))).toEqual(
      decideTriage(input({ description })),
    );
  });
});
