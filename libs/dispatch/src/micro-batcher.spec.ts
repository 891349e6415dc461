import { BatchResults, MicroBatcher } from './micro-batcher';

const tick = () => new Promise((r) => setImmediate(r));

describe('MicroBatcher', () => {
  it('runs items submitted in one turn as one batch, and those arriving meanwhile as the next', async () => {
    const batches: string[][] = [];
    let release: () => void = () => undefined;
    const b = new MicroBatcher<string>(
      async (keys) => {
        batches.push(keys);
        if (batches.length === 1) await new Promise<void>((r) => (release = r));
        return new Map(keys.map((k) => [k, `done ${k}`]));
      },
      { maxBatch: 10, maxConcurrent: 1 },
    );
    const first = ['a', 'b', 'c'].map((k) => b.submit(k));
    await tick();
    const second = ['d', 'e'].map((k) => b.submit(k));
    await tick();
    expect(batches).toEqual([['a', 'b', 'c']]);
    expect(b.backlog).toBe(2);
    release();
    expect(await Promise.all([...first, ...second])).toEqual([
      'done a',
      'done b',
      'done c',
      'done d',
      'done e',
    ]);
    expect(batches).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });

  it('takes at most maxBatch distinct items per batch and runs up to maxConcurrent at once', async () => {
    const sizes: number[] = [];
    let running = 0;
    let most = 0;
    const b = new MicroBatcher<number>(
      async (keys) => {
        sizes.push(keys.length);
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return new Map(keys.map((k) => [k, Number(k)]));
      },
      { maxBatch: 4, maxConcurrent: 2 },
    );
    const all = Array.from({ length: 10 }, (_, i) => b.submit(String(i)));
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Math.max(...sizes)).toBe(4);
    expect(sizes.reduce((a, n) => a + n, 0)).toBe(10);
    expect(most).toBe(2);
  });

  it('answers the same key submitted twice from one run', async () => {
    const seen: string[][] = [];
    const b = new MicroBatcher<string>(
      (keys) => {
        seen.push(keys);
        return Promise.resolve(new Map(keys.map((k) => [k, k])));
      },
      { maxBatch: 1, maxConcurrent: 1 },
    );
    expect(await Promise.all([b.submit('x'), b.submit('x'), b.submit('y')])).toEqual([
      'x',
      'x',
      'y',
    ]);
    expect(seen).toEqual([['x'], ['y']]);
  });

  it('fails only the item a batch reports as failed', async () => {
    const b = new MicroBatcher<string>(
      (keys) =>
        Promise.resolve(
          new Map<string, string | Error>(
            keys.map((k) => [k, k === 'bad' ? new Error('bad item') : k]),
          ) as BatchResults<string>,
        ),
      { maxBatch: 10, maxConcurrent: 1 },
    );
    const results = await Promise.allSettled(['ok', 'bad', 'fine'].map((k) => b.submit(k)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('runs each item alone when the whole batch throws, so only the bad one fails', async () => {
    const calls: string[][] = [];
    const b = new MicroBatcher<string>(
      (keys) => {
        calls.push(keys);
        if (keys.includes('poison')) return Promise.reject(new Error('statement failed'));
        return Promise.resolve(new Map(keys.map((k) => [k, k])));
      },
      { maxBatch: 10, maxConcurrent: 1 },
    );
    const results = await Promise.allSettled(['a', 'poison', 'b'].map((k) => b.submit(k)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('statement failed'));
    expect(calls[0]).toEqual(['a', 'poison', 'b']);
    expect(calls.slice(1).sort()).toEqual([['a'], ['b'], ['poison']]);
  });
});
