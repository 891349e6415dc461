import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CaseOutcomeJob, QueueName, stageJobId, TipStageJob } from '@app/contracts';

/** Channel the relay LISTENs on; NOTIFY is delivered only when the transaction commits. */
export const OUTBOX_CHANNEL = 'tiptrace_outbox';

/**
 * Writes "run this stage next" into the same transaction as the change that calls for it, so
 * the intent is committed exactly when the change is.
 */
@Injectable()
export class OutboxWriter {
  async enqueueStage(manager: EntityManager, queue: QueueName, tipIds: string[]): Promise<void> {
    if (tipIds.length === 0) return;
    const payloads = tipIds.map((tipId): TipStageJob => ({ v: 1, tipId }));
    await manager.query(
      `INSERT INTO outbox (queue, job_id, payload)
       SELECT $1, j, p FROM unnest($2::text[], $3::jsonb[]) AS t(j, p)`,
      [queue, tipIds.map((id) => stageJobId(queue, id)), payloads.map((p) => JSON.stringify(p))],
    );
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }

  /**
   * Asks for the case's outcome to be projected onto its tips. The job id names the case event,
   * so each change is one job, and a re-sent one is the same job.
   */
  async enqueueOutcome(manager: EntityManager, caseId: string, caseEventId: string): Promise<void> {
    const payload: CaseOutcomeJob = { v: 1, caseId };
    await manager.query(`INSERT INTO outbox (queue, job_id, payload) VALUES ($1, $2, $3)`, [
      QueueName.Outcomes,
      `${QueueName.Outcomes}.${caseId}.${caseEventId}`,
      JSON.stringify(payload),
    ]);
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }
}
