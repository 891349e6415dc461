import { createHash } from 'node:crypto';
import { CHUNK_BYTES, chunked, peek } from './upload-streams';

async function* pieces(sizes: number[]): AsyncGenerator<Buffer> {
  let n = 0;
  for (const size of sizes) {
    await Promise.resolve();
    const b = Buffer.alloc(size);
    for (let i = 0; i < size; i += 1) b[i] = (n + i) % 256;
    n += size;
    yield b;
  }
}

async function all(gen: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const b of gen) out.push(b);
  return out;
}

describe('chunked', () => {
  it('cuts a stream into fixed chunks, the last shorter, hashing and counting every byte', async () => {
    const sizes = [1000, CHUNK_BYTES, 70_000, CHUNK_BYTES * 2 + 5, 3];
    const whole = Buffer.concat(await all(pieces(sizes)));
    const { chunks, tally } = chunked(pieces(sizes));
    const out = await all(chunks);
    expect(out.slice(0, -1).every((c) => c.length === CHUNK_BYTES)).toBe(true);
    expect(out[out.length - 1].length).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(Buffer.concat(out).equals(whole)).toBe(true);
    expect(tally()).toEqual({
      size: whole.length,
      sha256: createHash('sha256').update(whole).digest('hex'),
    });
  });

  it('has no tally before the stream was read to its end', () => {
    expect(() => chunked(pieces([10])).tally()).toThrow();
  });
});

describe('peek', () => {
  it('reads the head, then gives the whole stream back', async () => {
    const sizes = [100, 200, 5000, 7];
    const whole = Buffer.concat(await all(pieces(sizes)));
    const { head, rest } = await peek(pieces(sizes)[Symbol.asyncIterator](), 250);
    expect(head.equals(whole.subarray(0, 300))).toBe(true);
    expect(Buffer.concat(await all(rest())).equals(whole)).toBe(true);
  });

  it('copes with a stream shorter than the head', async () => {
    const { head, rest } = await peek(pieces([10])[Symbol.asyncIterator](), 1000);
    expect(head.length).toBe(10);
    expect(Buffer.concat(await all(rest())).length).toBe(10);
  });
});
