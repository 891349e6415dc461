import { underLimit } from './million';

describe('underLimit', () => {
  it('packs tips into import bodies that stay under the 64 KB limit and keeps every tip once', () => {
    const tips = Array.from({ length: 1000 }, (_, i) => ({
      description: `báo tin số ${i} `.repeat(20 + (i % 7)),
      externalRef: `ref-${i}`,
    }));
    const bodies = underLimit(tips);
    expect(bodies.length).toBeGreaterThan(1);
    for (const b of bodies) expect(Buffer.byteLength(b)).toBeLessThanOrEqual(64 * 1024);
    const refs = bodies.flatMap((b) =>
      (JSON.parse(b) as { tips: { externalRef: string }[] }).tips.map((t) => t.externalRef),
    );
    expect(refs).toEqual(tips.map((t) => t.externalRef));
  });

  it('sends a small batch as one body', () => {
    expect(underLimit([{ a: 1 }, { a: 2 }])).toEqual(['{"tips":[{"a":1},{"a":2}]}']);
  });
});
