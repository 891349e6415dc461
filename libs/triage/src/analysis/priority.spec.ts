import { scorePriority, type PriorityInput } from './priority';

const received = new Date('2025-03-10T15:00:00+07:00');
const hoursBefore = (h: number): Date => new Date(received.getTime() - h * 3600 * 1000);

function tip(overrides: Partial<PriorityInput>): PriorityInput {
  return {
    category: 'other',
    channel: 'hotline',
    description: 'Có việc cần báo',
    receivedAt: received,
    ...overrides,
  };
}

describe('scorePriority', () => {
  it('scores a fresh explosives tip from patrol very high, with readable reasons', () => {
    const r = scorePriority(
      tip({
        category: 'weapons',
        channel: 'patrol',
        description:
          'Phát hiện nhóm thanh niên cất giấu thuốc nổ và 2 quả lựu đạn trong căn nhà số 45 Khánh Hội, có cả súng tự chế.',
        occurredAt: hoursBefore(1),
      }),
    );
    expect(r.priority).toBe(100);
    expect(r.reasons).toEqual([
      'category weapons: +50',
      'keyword explosives (thuốc nổ): +20',
      'keyword weapons (súng): +15',
      'channel patrol: +5',
      'reported within 2 h of the event: +10',
    ]);
  });

  it('gives every reason line a code with its parameters, in the same order', () => {
    const r = scorePriority(
      tip({
        category: 'weapons',
        channel: 'patrol',
        description: 'Phát hiện thuốc nổ và súng tự chế trong nhà số 45 Khánh Hội.',
        occurredAt: hoursBefore(1),
      }),
    );
    expect(r.codes).toEqual([
      { code: 'category', params: { category: 'weapons', points: 50 } },
      { code: 'keyword', params: { family: 'explosives', term: 'thuốc nổ', points: 20 } },
      { code: 'keyword', params: { family: 'weapons', term: 'súng', points: 15 } },
      { code: 'channel', params: { channel: 'patrol', points: 5 } },
      { code: 'recent_2h', params: { points: 10 } },
    ]);
    expect(r.codes).toHaveLength(r.reasons.length);
  });

  it('codes the recency bands and the clamp', () => {
    const codes = (occurredAt: Date, channel: PriorityInput['channel'] = 'hotline') =>
      scorePriority(tip({ category: 'traffic', channel, occurredAt })).codes.map((c) => c.code);
    expect(codes(hoursBefore(10))).toEqual(['category', 'recent_24h']);
    expect(codes(hoursBefore(24 * 40), 'web')).toEqual([
      'category',
      'channel',
      'old_report',
      'clamped',
    ]);
    const clamped = scorePriority(
      tip({ category: 'traffic', channel: 'web', occurredAt: hoursBefore(24 * 40) }),
    );
    expect(clamped.codes[3]).toEqual({ code: 'clamped', params: { priority: 0 } });
    expect(clamped.codes[2]).toEqual({ code: 'old_report', params: { points: -10 } });
  });

  it('scores an armed assault with machetes high', () => {
    const r = scorePriority(
      tip({
        category: 'assault',
        channel: 'hotline',
        description:
          'Khoảng 21h tối nay có khoảng 5 thanh niên cầm mã tấu chém người trước quán nhậu trên đường Vĩnh Khánh, nạn nhân bị chém vào tay.',
        occurredAt: hoursBefore(0.5),
      }),
    );
    expect(r.priority).toBeGreaterThanOrEqual(70);
    expect(r.reasons).toContain('keyword weapons (mã tấu): +15');
    expect(r.reasons).toContain('keyword violence (chém): +10');
  });

  it('scores an English weapons tip high', () => {
    const r = scorePriority(
      tip({
        category: 'weapons',
        channel: 'walk_in',
        description: 'A man showed a gun and a knife to the shop owner at 12 Ton Dan street.',
        occurredAt: hoursBefore(3),
      }),
    );
    expect(r.priority).toBeGreaterThanOrEqual(70);
    expect(r.reasons).toContain('keyword weapons (gun): +15');
  });

  it('boosts child-related tips', () => {
    const r = scorePriority(
      tip({
        category: 'child_abuse',
        description: 'Hàng xóm thường xuyên đánh đập bé gái 7 tuổi ở hẻm 12 Tôn Đản.',
      }),
    );
    expect(r.reasons).toContain('keyword children (bé): +15');
    expect(r.reasons).toContain('keyword violence (đánh): +10');
    expect(r.priority).toBeGreaterThanOrEqual(70);
  });

  it('scores a traffic complaint low', () => {
    const r = scorePriority(
      tip({
        category: 'traffic',
        channel: 'web',
        description:
          'Xe tải thường đậu lấn chiếm lòng đường trước chợ Xóm Chiếu vào buổi sáng, gây kẹt xe, xe máy đâm vào nhau suýt té.',
        occurredAt: hoursBefore(24 * 40),
      }),
    );
    expect(r.priority).toBeLessThanOrEqual(10);
    expect(r.reasons).toEqual([
      'category traffic: +5',
      'channel web: -5',
      'event occurred more than 30 days before the report: -10',
      'clamped to 0',
    ]);
  });

  it('does not read homographs of short words as keywords', () => {
    const r = scorePriority(
      tip({
        category: 'public_disorder',
        description:
          'Đã nhiều lần nhóm thanh niên đá banh ngoài đường Lê Văn Linh, lãnh đạo phường đã nhắc, mặt ai cũng sưng vì chém gió, cần bổ sung đèn.',
      }),
    );
    expect(r.reasons.filter((x) => x.startsWith('keyword'))).toEqual([]);
  });

  it('counts drugs only from explicit phrases like "ma túy đá"', () => {
    const r = scorePriority(
      tip({
        category: 'drugs',
        description: 'Phòng trọ số 7 đường Vĩnh Khánh có người bán ma túy đá và thuốc lắc về đêm.',
      }),
    );
    expect(r.reasons).toContain('keyword drugs (ma túy): +10');
    expect(r.reasons.filter((x) => x.startsWith('keyword drugs'))).toHaveLength(1);
  });

  it('counts each keyword family once however often it appears', () => {
    const r = scorePriority(
      tip({
        category: 'weapons',
        description: 'con dao, dao găm, mã tấu, súng lục, khẩu súng, hung khí, knife, gun',
      }),
    );
    expect(r.reasons.filter((x) => x.startsWith('keyword weapons'))).toHaveLength(1);
  });

  it('applies recency bands and ignores missing or future event times', () => {
    const base = { category: 'theft' as const, description: 'Mất xe máy' };
    const within2h = scorePriority(tip({ ...base, occurredAt: hoursBefore(2) }));
    const within24h = scorePriority(tip({ ...base, occurredAt: hoursBefore(10) }));
    const week = scorePriority(tip({ ...base, occurredAt: hoursBefore(24 * 7) }));
    const old = scorePriority(tip({ ...base, occurredAt: hoursBefore(24 * 31) }));
    const missing = scorePriority(tip({ ...base, occurredAt: null }));
    const future = scorePriority(tip({ ...base, occurredAt: hoursBefore(-5) }));
    expect(within2h.priority).toBe(30);
    expect(within24h.priority).toBe(25);
    expect(week.priority).toBe(20);
    expect(old.priority).toBe(10);
    expect(missing.priority).toBe(20);
    expect(future.priority).toBe(20);
  });

  it('adjusts for channel credibility', () => {
    const d = { category: 'theft' as const, description: 'Mất xe máy' };
    expect(scorePriority(tip({ ...d, channel: 'patrol' })).priority).toBe(25);
    expect(scorePriority(tip({ ...d, channel: 'walk_in' })).priority).toBe(25);
    expect(scorePriority(tip({ ...d, channel: 'hotline' })).priority).toBe(20);
    expect(scorePriority(tip({ ...d, channel: 'web' })).priority).toBe(15);
  });

  it('is deterministic and always an integer in 0..100', () => {
    const input = tip({
      category: 'homicide',
      channel: 'patrol',
      description: 'Bắt cóc trẻ em, có súng lục, lựu đạn, ma túy, đâm chém',
      occurredAt: hoursBefore(0.1),
    });
    const a = scorePriority(input);
    const b = scorePriority(input);
    expect(a).toEqual(b);
    expect(a.priority).toBe(100);
    expect(Number.isInteger(a.priority)).toBe(true);
  });
});
