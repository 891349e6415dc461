/**
 * The baseline's producer: puts BENCH_ITEMS items on stage a with addBulk (500 at a time), as fast
 * as Redis takes them, then prints one JSON line {"startedAt","sentAt"} and exits.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { BASELINE_JOB_OPTIONS, BaselineItem, baselineEnv, queueName } from './shared';

const CHUNK = 500;
const MAX_ITEMS = 10_000_000;

async function main(): Promise<void> {
  const env = baselineEnv();
  const count = Math.min(MAX_ITEMS, Number(process.env.BENCH_ITEMS || 1000));
  const wards = (process.env.BENCH_WARDS || 'w1').split(',');
  // A tip-sized body (the scenario's descriptions are ~300–600 characters); never real tip text.
  const description = 'x'.repeat(Number(process.env.BENCH_TEXT_BYTES || 400));
  const queue = new Queue(queueName('a'), {
    connection: { url: env.redisUrl, maxRetriesPerRequest: null },
    prefix: env.prefix,
    defaultJobOptions: BASELINE_JOB_OPTIONS,
  });
  await queue.waitUntilReady();
  const startedAt = Date.now();
  for (let i = 0; i < count; i += CHUNK) {
    const items: BaselineItem[] = [];
    for (let j = i; j < Math.min(count, i + CHUNK); j++) {
      items.push({ id: randomUUID(), ward: wards[j % wards.length], description });
    }
    await queue.addBulk(
      items.map((data) => ({ name: queueName('a'), data, opts: { jobId: `a.${data.id}` } })),
    );
  }
  const sentAt = Date.now();
  await queue.close();
  console.log(JSON.stringify({ startedAt, sentAt }));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
