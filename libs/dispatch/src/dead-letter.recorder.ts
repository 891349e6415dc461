import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Keeps a job that ran out of attempts, with its error, for a person to look at. */
@Injectable()
export class DeadLetterRecorder {
  constructor(private readonly dataSource: DataSource) {}

  async record(
    queue: string,
    jobId: string,
    tipId: string | null,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO dead_letters (queue, job_id, tip_id, error, attempts)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (queue, job_id) DO UPDATE
         SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, failed_at = now()`,
      [queue, jobId, tipId, describeError(error), attempts],
    );
  }
}

/** Error text safe to store: name and message only, bounded (never a payload or tip text). */
export function describeError(error: unknown): string {
  const e = error instanceof Error ? error : new Error(String(error));
  return `${e.name}: ${e.message}`.slice(0, 500);
}
