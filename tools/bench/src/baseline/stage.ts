/**
 * One stage of the bare baseline, run as its own process:
 *   a: INSERT the item (what intake + triage's first write does), hand on to b;
 *   b: UPDATE stage/triaged_at/priority, hand on to c;
 *   c: UPDATE stage/lead_open_at (the lead opens).
 * Usage: node stage.js <a|b|c> (DATABASE_URL, REDIS_URL, QUEUE_PREFIX, WORKER_CONCURRENCY).
 */
import { Job, Queue, Worker } from 'bullmq';
import { Pool } from 'pg';
import {
  BASELINE_JOB_OPTIONS,
  BASELINE_STAGES,
  BASELINE_TABLE,
  BASELINE_WORKER_OPTIONS,
  BaselineItem,
  BaselineStage,
  baselineEnv,
  isItem,
  queueName,
} from './shared';

async function main(stageArg: string | undefined): Promise<void> {
  const stage = BASELINE_STAGES.find((s) => s === stageArg);
  if (!stage) throw new Error(`usage: stage.js <${BASELINE_STAGES.join('|')}>`);
  const env = baselineEnv();
  const connection = { url: env.redisUrl, maxRetriesPerRequest: null };
  const pool = new Pool({ connectionString: env.databaseUrl, max: env.poolSize });
  const nextStage: BaselineStage | undefined = BASELINE_STAGES[BASELINE_STAGES.indexOf(stage) + 1];
  const next = nextStage
    ? new Queue(queueName(nextStage), {
        connection,
        prefix: env.prefix,
        defaultJobOptions: BASELINE_JOB_OPTIONS,
      })
    : null;

  const handle = async (item: BaselineItem): Promise<void> => {
    if (stage === 'a') {
      await pool.query(
        `INSERT INTO ${BASELINE_TABLE} (id, stage, ward, description, sent_at)
         VALUES ($1, 'received', $2, $3, to_timestamp($4::float8 / 1000))
         ON CONFLICT (id) DO NOTHING`,
        [item.id, item.ward, item.description, item.sentAt],
      );
    } else if (stage === 'b') {
      await pool.query(
        `UPDATE ${BASELINE_TABLE} SET stage = 'triaged', triaged_at = now(), priority = $2,
           stage_changed_at = now() WHERE id = $1 AND stage = 'received'`,
        [item.id, item.description.length % 100],
      );
    } else {
      await pool.query(
        `UPDATE ${BASELINE_TABLE} SET stage = 'lead_open', lead_open_at = now(),
           stage_changed_at = now() WHERE id = $1 AND stage = 'triaged'`,
        [item.id],
      );
    }
    if (next && nextStage)
      await next.add(queueName(nextStage), item, { jobId: `${nextStage}.${item.id}` });
  };

  const worker = new Worker(
    queueName(stage),
    async (job: Job) => {
      if (!isItem(job.data)) throw new Error('not a baseline item');
      await handle(job.data);
    },
    { connection, prefix: env.prefix, concurrency: env.concurrency, ...BASELINE_WORKER_OPTIONS },
  );
  await worker.waitUntilReady();
  console.log(`baseline-${stage} started`);

  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    void (async () => {
      await worker.close();
      await next?.close();
      await pool.end();
      process.exit(0);
    })();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main(process.argv[2]).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
