/** What a batch answers for each of its items: a result, or the error that item failed with. */
export type BatchResults<R> = Map<string, R | Error>;

export interface MicroBatcherOptions {
  /** The most items one batch takes. */
  maxBatch: number;
  /** How many batches may run at once. */
  maxConcurrent: number;
}

interface Pending<R> {
  key: string;
  resolve(value: R): void;
  reject(err: unknown): void;
}

/**
 * Lets the jobs a worker runs at once share one unit of work. Each job still calls `submit` for
 * its own item and gets its own answer, so retries, backoff and dead letters stay per job; what
 * they share is the transaction.
 *
 * No timer waits for a batch to fill: an item submitted while a batch slot is free starts one on
 * the next turn of the event loop (with the items submitted in the same turn), and items arriving
 * while every slot is busy gather for the next. At low load a batch is one item with no added
 * delay; under load batches grow by themselves, up to `maxBatch`.
 *
 * If a whole batch fails (a statement error, a deadlock, a lost connection), each of its items is
 * run again alone, so one bad item fails only its own job.
 */
export class MicroBatcher<R> {
  private readonly waiting: Pending<R>[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly runBatch: (keys: string[]) => Promise<BatchResults<R>>,
    private readonly opts: MicroBatcherOptions,
  ) {}

  submit(key: string): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      this.schedule();
    });
  }

  /** Items waiting for a batch slot (for tests and metrics). */
  get backlog(): number {
    return this.waiting.length;
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.opts.maxConcurrent || this.waiting.length === 0)
      return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.startBatch();
    });
  }

  private startBatch(): void {
    if (this.running >= this.opts.maxConcurrent || this.waiting.length === 0) return;
    const batch = takeUnique(this.waiting, this.opts.maxBatch);
    this.running++;
    void this.runAll(batch).finally(() => {
      this.running--;
      this.schedule();
    });
    // Another slot may take the rest at once.
    this.schedule();
  }

  private async runAll(batch: Pending<R>[]): Promise<void> {
    const keys = [...new Set(batch.map((p) => p.key))];
    let results: BatchResults<R>;
    try {
      results = await this.runBatch(keys);
    } catch (err) {
      if (keys.length === 1) {
        for (const p of batch) p.reject(err);
        return;
      }
      // The batch failed as a whole: each item alone, so that only a bad one fails.
      await Promise.all(
        keys.map(async (key) => {
          const mine = batch.filter((p) => p.key === key);
          try {
            const one = await this.runBatch([key]);
            settle(mine, one.get(key), key);
          } catch (e) {
            for (const p of mine) p.reject(e);
          }
        }),
      );
      return;
    }
    for (const key of keys)
      settle(
        batch.filter((p) => p.key === key),
        results.get(key),
        key,
      );
  }
}

function settle<R>(pending: Pending<R>[], result: R | Error | undefined, key: string): void {
  for (const p of pending) {
    if (result instanceof Error) p.reject(result);
    else if (result === undefined) p.reject(new Error(`batch gave no result for ${key}`));
    else p.resolve(result);
  }
}

/** Takes up to `max` distinct keys' items off the front of `queue` (the same key twice goes together). */
function takeUnique<R>(queue: Pending<R>[], max: number): Pending<R>[] {
  const keys = new Set<string>();
  const taken: Pending<R>[] = [];
  for (let i = 0; i < queue.length;) {
    const p = queue[i];
    if (keys.has(p.key) || keys.size < max) {
      keys.add(p.key);
      taken.push(p);
      queue.splice(i, 1);
    } else i++;
  }
  return taken;
}
