/**
 * The baseline's producer: keeps stage a fed for BENCH_SECONDS, adding items with addBulk (500 at
 * a time) whenever fewer than BENCH_BACKLOG wait, so the stages never run dry; then exits.
 * Prints "baseline-producer started" once its queue is ready.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { BASELINE_JOB_OPTIONS, BaselineItem, baselineEnv, queueName } from './shared';

const CHUNK = 500;

async function main(): Promise<void> {
  const env = baselineEnv();
  const seconds = Number(process.env.BENCH_SECONDS || 20);
  const backlog = Number(process.env.BENCH_BACKLOG || 2000);
  const wards = (process.env.BENCH_WARDS || 'w1').split(',');
  // A tip-sized body (the scenario's descriptions are ~300–600 characters); never real tip text.
  const description = 'x'.repeat(Number(process.env.BENCH_TEXT_BYTES || 400));
  const queue = new Queue(queueName('a'), {
    connection: { url: env.redisUrl, maxRetriesPerRequest: null },
    prefix: env.prefix,
    defaultJobOptions: BASELINE_JOB_OPTIONS,
  });
  await queue.waitUntilReady();
  console.log('baseline-producer started');
  const until = Date.now() + seconds * 1000;
  let n = 0;
  let stopping = false;
  process.on('SIGTERM', () => (stopping = true));
  while (!stopping && Date.now() < until) {
    if ((await queue.getWaitingCount()) >= backlog) {
      await new Promise((r) => setTimeout(r, 10));
      continue;
    }
    const items: BaselineItem[] = [];
    for (let j = 0; j < CHUNK; j++, n++) {
      items.push({
        id: randomUUID(),
        ward: wards[n % wards.length],
        description,
        sentAt: Date.now(),
      });
    }
    await queue.addBulk(
      items.map((data) => ({ name: queueName('a'), data, opts: { jobId: `a.${data.id}` } })),
    );
  }
  await queue.close();
  console.log(JSON.stringify({ added: n }));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
