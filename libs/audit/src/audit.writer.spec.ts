import type { EntityManager } from 'typeorm';
import type { DataSource } from 'typeorm';
import { AuditWriter, storable } from './audit.writer';

describe('storable', () => {
  it('replaces NUL and unpaired surrogates, keeps everything else', () => {
    expect(storable('a\u0000b')).toBe('a\uFFFDb');
    expect(storable('\uD800x\uDC00')).toBe('\uFFFDx\uFFFD');
    expect(storable('🚓 Phường 1 \u202E')).toBe('🚓 Phường 1 \u202E');
    expect(
      storable({ filter: { limit: '\u0000', wards: ['\uDBFF'] }, n: 1, ok: true, none: null }),
    ).toEqual({
      filter: { limit: '\uFFFD', wards: ['\uFFFD'] },
      n: 1,
      ok: true,
      none: null,
    });
  });

  it('finds them in keys and deep values, and leaves clean values as they are', () => {
    expect(storable({ ['k\u0000']: [{ deep: ['ok', '\uDC00'] }] })).toEqual({
      ['k\uFFFD']: [{ deep: ['ok', '\uFFFD'] }],
    });
    const clean = { detail: { text: 'C:\\u0000 typed 🚓', wards: ['Phường 1'] } };
    expect(storable(clean)).toEqual(clean);
    const plain = { a: { b: ['c'] } };
    expect(storable(plain)).toBe(plain);
  });
});

describe('AuditWriter', () => {
  it('never sends PostgreSQL a NUL or an unpaired surrogate', async () => {
    const query = jest.fn().mockResolvedValue(undefined);
    const writer = new AuditWriter({} as DataSource);
    await writer.append({ query } as unknown as EntityManager, [
      {
        actor: 'u1',
        role: 'operator',
        action: 'tip.read',
        entityType: 'tip',
        entityId: 'x\u0000',
        outcome: 'failure',
        detail: { filter: { limit: '\uD800 \u0000' } },
      },
    ]);
    const params = query.mock.calls[0][1] as unknown[][];
    expect(params[4]).toEqual(['x\uFFFD']);
    expect(JSON.parse(params[7][0] as string)).toEqual({ filter: { limit: '\uFFFD \uFFFD' } });
    expect(JSON.stringify(params)).not.toMatch(/\\u0000|\\ud800/i);
  });
});
