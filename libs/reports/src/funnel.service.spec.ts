import { cutDaySource, rollupSource } from './funnel.repository';
import { bucketSeconds, medianOf, splitHours, splitRange } from './funnel.service';

describe('splitRange', () => {
  it('reads whole days from the rollup and partial days from tips', () => {
    const r = splitRange('2023-03-01T06:00:00Z', '2023-03-05T12:00:00Z');
    expect(r.days!.map((d) => new Date(d!).toISOString())).toEqual([
      '2023-03-02T00:00:00.000Z',
      '2023-03-05T00:00:00.000Z',
    ]);
    expect(r.live.map(([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()])).toEqual([
      ['2023-03-01T06:00:00.000Z', '2023-03-02T00:00:00.000Z'],
      ['2023-03-05T00:00:00.000Z', '2023-03-05T12:00:00.000Z'],
    ]);
  });

  it('needs no tips when the range is whole days, and no rollup inside one day', () => {
    expect(splitRange('2023-01-01T00:00:00Z', '2024-01-01T00:00:00Z').live).toEqual([]);
    expect(splitRange(undefined, undefined)).toEqual({ days: [null, null], live: [] });
    expect(splitRange('2023-01-01T01:00:00Z', '2023-01-01T02:00:00Z').days).toBeNull();
  });
});

describe('medianOf', () => {
  it('finds the bucket of the middle observation', () => {
    expect(medianOf(new Map())).toBeNull();
    const h = new Map([
      [10, 1],
      [20, 5],
      [30, 1],
    ]);
    expect(medianOf(h)).toBe(bucketSeconds(20));
  });

  it('inverts the SQL bucketing within a bucket (25 %)', () => {
    // tt_bucket(secs) = floor(ln(1 + secs*100) / ln(1.25))
    for (const secs of [0.05, 1, 42, 3600, 86400 * 30]) {
      const b = Math.floor(Math.log(1 + secs * 100) / Math.log(1.25));
      const back = bucketSeconds(b);
      expect(back / secs).toBeGreaterThan(0.8);
      expect(back / secs).toBeLessThan(1.25);
    }
  });
});

describe('rollupSource', () => {
  const tables = (d0: string | null, d1: string | null) => {
    const { sql, params } = rollupSource({ category: '*', channel: '*', ward: null }, [d0, d1]);
    const arms = sql.split(' UNION ALL ').map((a: string) => {
      const table = /FROM (funnel_rollup_month|funnel_rollup)\b/.exec(a)![1];
      const bounds = [...a.matchAll(/\$(\d+)::date/g)].map((m) => params[Number(m[1]) - 1]);
      return `${table} ${bounds.join('..')}`;
    });
    return arms;
  };

  it('reads whole months from the month rows and the days around them from the day rows', () => {
    expect(tables('2023-03-10', '2023-06-20')).toEqual([
      'funnel_rollup 2023-03-10..2023-04-01',
      'funnel_rollup_month 2023-04-01..2023-06-01',
      'funnel_rollup 2023-06-01..2023-06-20',
    ]);
    expect(tables('2023-01-01', '2024-01-01')).toEqual([
      'funnel_rollup_month 2023-01-01..2024-01-01',
    ]);
    expect(tables(null, null)).toEqual(['funnel_rollup_month ']);
    expect(tables(null, '2023-02-15')).toEqual([
      'funnel_rollup_month 2023-02-01',
      'funnel_rollup 2023-02-01..2023-02-15',
    ]);
  });

  it('reads only day rows when no whole month fits', () => {
    expect(tables('2023-03-10', '2023-04-20')).toEqual(['funnel_rollup 2023-03-10..2023-04-20']);
    expect(tables('2023-12-05', '2023-12-06')).toEqual(['funnel_rollup 2023-12-05..2023-12-06']);
  });
});

describe('splitHours', () => {
  const at = (t: string) => Date.parse(t);
  it('reads the whole hours of a cut day from the rollup and its first and last minutes from tips', () => {
    expect(splitHours(at('2023-03-01T06:30:00Z'), at('2023-03-02T00:00:00Z'))).toEqual({
      hours: [['2023-03-01T07:00:00.000Z', '2023-03-02T00:00:00.000Z']],
      tips: [['2023-03-01T06:30:00.000Z', '2023-03-01T07:00:00.000Z']],
    });
    expect(splitHours(at('2023-03-05T00:00:00Z'), at('2023-03-05T12:15:00Z'))).toEqual({
      hours: [['2023-03-05T00:00:00.000Z', '2023-03-05T12:00:00.000Z']],
      tips: [['2023-03-05T12:00:00.000Z', '2023-03-05T12:15:00.000Z']],
    });
  });

  it('reads only tips when no whole hour fits, and no tips on hour bounds', () => {
    expect(splitHours(at('2023-03-05T10:10:00Z'), at('2023-03-05T11:05:00Z'))).toEqual({
      hours: [],
      tips: [['2023-03-05T10:10:00.000Z', '2023-03-05T11:05:00.000Z']],
    });
    expect(splitHours(at('2023-03-05T06:00:00Z'), at('2023-03-05T12:00:00Z')).tips).toEqual([]);
  });
});

describe('cutDaySource', () => {
  it('reads the whole hours from the tip facts, the tips changed since, and the minutes from tips', () => {
    const src = cutDaySource(
      { category: 'theft', channel: '*', ward: 'W' },
      [
        {
          side: 's',
          hours: [['2023-03-01T07:00:00.000Z', '2023-03-02T00:00:00.000Z']],
          tips: [['2023-03-01T06:40:00.000Z', '2023-03-01T07:00:00.000Z']],
        },
      ],
      '2023-05-01T00:00:00.000Z',
    );
    expect(src!.sql).toContain('FROM funnel_tip_facts x');
    expect(src!.sql).not.toContain('funnel_rollup');
    expect(src!.sql.split(' UNION ALL ')).toHaveLength(4);
    expect(src!.params).toEqual([
      'theft',
      '*',
      'W',
      '2023-03-01T07:00:00.000Z',
      '2023-03-02T00:00:00.000Z',
      '2023-05-01T00:00:00.000Z',
      '2023-03-01T06:40:00.000Z',
      '2023-03-01T07:00:00.000Z',
    ]);
  });

  it('reads only tips when no whole hour fits, and nothing without a cut day', () => {
    const g = { category: '*', channel: '*', ward: null };
    const src = cutDaySource(g, [
      { side: '-', hours: [], tips: [['2023-03-01T06:10:00.000Z', '2023-03-01T06:50:00.000Z']] },
    ]);
    expect(src!.sql).not.toContain('funnel_tip_facts');
    expect(src!.sql).toContain('FROM tips t');
    expect(cutDaySource(g, [])).toBeNull();
  });
});
