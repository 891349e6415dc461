import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { describeError } from './dead-letter.recorder';

/**
 * A pass that runs every `intervalMs()` in a background process (reconciler, lease sweeper, audit
 * sealer, funnel projector, retention): never two passes of one task at once in a process, a
 * failed pass logged and retried at the next tick, and shutdown waits for the pass in flight.
 * Across replicas each task keeps itself safe (SKIP LOCKED rows or an advisory lock).
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnModuleDestroy {
  protected abstract readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<unknown> | null = null;

  protected abstract intervalMs(): number;

  /** One pass. */
  protected abstract tick(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.pass) return;
      this.pass = this.tick()
        .catch((err) => this.logger.warn({ msg: 'pass failed', error: describeError(err) }))
        .finally(() => (this.pass = null));
    }, this.intervalMs());
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.pass;
  }
}
