import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '@app/dispatch';
import { chainHash } from './audit-chain';
import { AuditRepository } from './audit.repository';

const LOCK = 73_201_003;
const BATCH = 5000;
const INTERVAL_MS = 1000;
/**
 * Entries can commit after entries with higher ids were sealed (ids are taken at insert, the
 * commit comes later). Each pass looks back this many ids below the highest sealed one, which
 * covers the transactions in flight at the last pass...
 */
const RECENT_IDS = 2_000;
/** ...and once a minute this many, for a transaction that took longer. */
const LOOKBACK_IDS = 100_000;
const LOOKBACK_EVERY_MS = 60_000;

/**
 * Chains committed audit entries by hash, in the order it finds them. Entries are written by
 * many transactions at once without a global lock; sealing them shortly after, one sealer at a
 * time (advisory lock), keeps intake fast and still makes any later edit or deletion visible.
 */
@Injectable()
export class AuditSealer extends PeriodicTask {
  protected readonly logger = new Logger(AuditSealer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository = new AuditRepository(),
  ) {
    super();
  }

  protected intervalMs(): number {
    return INTERVAL_MS;
  }

  protected tick(): Promise<unknown> {
    return this.sealOnce();
  }

  private lastLookback = 0;

  /**
   * Seals what is waiting; returns how many entries were chained. `lookback` forces (or skips)
   * the long look-back, which otherwise runs once a minute.
   */
  async sealOnce(opts: { lookback?: boolean } = {}): Promise<number> {
    let total = 0;
    // Looking back 100,000 ids is an anti-join of 100,000 rows (tens of milliseconds), which
    // every pass paid, waiting entries or not.
    const started = Date.now();
    const lookback = opts.lookback ?? started - this.lastLookback >= LOOKBACK_EVERY_MS;
    for (;;) {
      const n = await this.dataSource.transaction(async (m) => {
        if (!(await this.audit.tryLock(m, LOCK))) return 0;
        const last = await this.audit.lastLink(m);
        // Late commits can carry ids below the highest sealed one: look back a window for them.
        const floor = last
          ? Math.max(0, Number(last.top) - (lookback ? LOOKBACK_IDS : RECENT_IDS))
          : 0;
        const rows = await this.audit.unsealedAbove(m, floor, BATCH);
        if (rows.length === 0) return 0;
        let seq = last ? Number(last.seq) : 0;
        let prev = last?.hash ?? '';
        const seqs: number[] = [];
        const prevs: string[] = [];
        const hashes: string[] = [];
        for (const row of rows) {
          const hash = chainHash(prev, row);
          seqs.push(++seq);
          prevs.push(prev);
          hashes.push(hash);
          prev = hash;
        }
        await this.audit.addLinks(m, {
          seq: seqs,
          entryId: rows.map((r) => r.id),
          prevHash: prevs,
          hash: hashes,
        });
        return rows.length;
      });
      total += n;
      if (n < BATCH) {
        if (lookback) this.lastLookback = started;
        return total;
      }
    }
  }
}
