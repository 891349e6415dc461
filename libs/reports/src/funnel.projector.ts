import { Injectable, Logger } from '@nestjs/common';
import { PeriodicTask } from '@app/dispatch';
import { FunnelRepository } from './funnel.repository';

const WATERMARK = 'funnel';
const CASES_WATERMARK = 'cases';
/** Extra look-back for clock skew between sessions (a tip seen again unchanged adds nothing). */
const OVERLAP_SECONDS = 15;
const INTERVAL_MS = 1000;

/**
 * Keeps the funnel's reporting tables in step with the tips. Every second it gathers the tips
 * changed since the last pass, compares each with the facts it last added (funnel_tip_facts),
 * and adds the difference to the hourly, daily and monthly rollups; the cases those tips joined,
 * left or changed get their keys recomputed. A pass is one transaction under one lock, facts and
 * sums together: a redelivered change, a second projector or a pass killed halfway and begun
 * again counts nothing twice, and the tables can be rebuilt from the record at any time
 * (`rebuild`). The work of a pass follows what changed, not how many tips a day holds.
 */
@Injectable()
export class FunnelProjector extends PeriodicTask {
  protected readonly logger = new Logger(FunnelProjector.name);

  constructor(private readonly funnel: FunnelRepository) {
    super();
  }

  protected intervalMs(): number {
    return INTERVAL_MS;
  }

  protected tick(): Promise<unknown> {
    return this.projectOnce();
  }

  /** Adds what changed since the last pass; returns the number of tips and cases that changed. */
  async projectOnce(): Promise<number> {
    return this.funnel.transaction(async (m) => {
      if (!(await this.funnel.tryLockPass(m))) return 0;
      const now = await this.funnel.passStart(m);
      const since = await this.funnel.watermark(m, WATERMARK);
      // No watermark: a rebuild from the record, starting from empty tables.
      if (since === null) await this.funnel.clearFunnel(m);
      const tips = await this.funnel.gatherChangedTips(m, since, OVERLAP_SECONDS);
      let cases = 0;
      if (tips > 0) {
        await this.funnel.applyTipDeltas(m);
        cases = await this.funnel.recomputeChangedCases(m);
        if (since === null || tips >= 10_000) await this.funnel.analyzeFunnel(m);
      }
      const casesSince = await this.funnel.watermark(m, CASES_WATERMARK);
      if (casesSince === null) await this.funnel.clearCaseFacts(m);
      const caseFacts = await this.funnel.recomputeChangedCaseFacts(m, casesSince, OVERLAP_SECONDS);
      await this.funnel.setWatermarks(m, [WATERMARK, CASES_WATERMARK], now);
      return tips + cases + caseFacts;
    });
  }

  /** Forgets the watermarks: the next pass empties the tables and recomputes them from the record. */
  async rebuild(): Promise<number> {
    await this.funnel.forgetWatermarks([WATERMARK, CASES_WATERMARK]);
    return this.projectOnce();
  }
}
