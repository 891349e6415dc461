import { Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DispatchRepository } from './dispatch.repository';

/** Keeps a job that ran out of attempts, with its error, for a person to look at. */
@Injectable()
export class DeadLetterRecorder {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly dispatch: DispatchRepository = new DispatchRepository(),
  ) {}

  async record(
    queue: string,
    jobId: string,
    tipId: string | null,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    await this.dispatch.recordDeadLetter(this.dataSource, {
      queue,
      jobId,
      tipId,
      error: describeError(error),
      attempts,
    });
  }
}

/** Error text safe to store: name and message only, bounded (never a payload or tip text). */
export function describeError(error: unknown): string {
  const e = error instanceof Error ? error : new Error(String(error));
  return `${e.name}: ${e.message}`.slice(0, 500);
}
