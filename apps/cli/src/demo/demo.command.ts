import { Client, QueryResultRow } from 'pg';
import { loadConfig, loadReference } from '@app/config';
import { generateYearTips, toImportTip } from '@app/scenario';
import type { ScenarioTip } from '@app/scenario';
import { dropDatabase, http, ProcessStack, sleep, waitFor } from '@app/stack';
import { scoreDuplicates } from './duplicate-score';

const OPERATORS = 4;

async function rows<T extends QueryResultRow>(db: Client, sql: string): Promise<T[]> {
  return (await db.query<T>(sql)).rows;
}
const BATCH = 100;

function demoDatabaseUrl(): string {
  if (process.env.DEMO_DATABASE_URL) return process.env.DEMO_DATABASE_URL;
  const u = new URL(loadConfig().database.url);
  u.pathname = `${u.pathname.replace(/\/$/, '') || '/tiptrace'}_demo`;
  return u.toString();
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const num = (n: number, w = 6) => String(n).padStart(w);

/** Submits the year's tips as several operators at once, each taking the next batch. */
async function submitYear(stack: ProcessStack, tips: ScenarioTip[]): Promise<Map<string, string>> {
  const batches: ScenarioTip[][] = [];
  for (let i = 0; i < tips.length; i += BATCH) batches.push(tips.slice(i, i + BATCH));
  const ids = new Map<string, string>();
  let next = 0;
  await Promise.all(
    Array.from({ length: OPERATORS }, async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        const res = await http<{ accepted: number; ids: string[] }>(
          stack.baseUrl,
          'POST',
          '/api/tips/import',
          { tips: batch.map(toImportTip) },
        );
        if (res.status !== 202) {
          throw new Error(
            `import answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`,
          );
        }
        res.body.ids.forEach((id, i) => ids.set(batch[i].externalRef, id));
      }
    }),
  );
  return ids;
}

export async function runDemo(_args: string[]): Promise<number> {
  const config = loadConfig();
  const databaseUrl = demoDatabaseUrl();
  const started = Date.now();
  console.log(`TipTrace demo: ${config.reference.district}, year 2023`);
  console.log(
    `database ${new URL(databaseUrl).pathname.slice(1)} (recreated), Redis ${config.queue.redisUrl}`,
  );
  await dropDatabase(databaseUrl);
  const stack = await ProcessStack.create({
    databaseUrl,
    redisUrl: config.queue.redisUrl,
    queuePrefix: `${config.queue.prefix}-demo-${process.pid}`,
    port: process.env.DEMO_PORT ? Number(process.env.DEMO_PORT) : undefined,
    echo: process.env.DEMO_VERBOSE === '1',
  });
  const db = new Client({ connectionString: databaseUrl });
  try {
    await stack.startAll();
    console.log(
      `stack up in ${((Date.now() - started) / 1000).toFixed(1)} s: api on ${stack.baseUrl}, triage, linkage, relay`,
    );
    await db.connect();

    const tips = generateYearTips({ wards: loadReference().wards });
    const t0 = Date.now();
    const ids = await submitYear(stack, tips);
    const submitted = Date.now();
    console.log(
      `submitted ${ids.size} tips as ${OPERATORS} operators in ${((submitted - t0) / 1000).toFixed(1)} s`,
    );

    await waitFor(
      async () => {
        const [r] = await rows<{ n: number }>(
          db,
          `SELECT count(*)::int AS n FROM tips WHERE stage IN ('received', 'triaged')`,
        );
        return r.n === 0;
      },
      300_000,
      async () => {
        const r = await rows(db, `SELECT stage, count(*)::int AS n FROM tips GROUP BY stage`);
        return `the pipeline to drain: ${JSON.stringify(r)}`;
      },
      200,
    );
    const [last] = await rows<{ at: Date }>(
      db,
      `SELECT max(GREATEST(triaged_at, lead_open_at)) AS at FROM tips`,
    );
    const pipelineSeconds = (last.at.getTime() - t0) / 1000;

    const stages = await rows<{ stage: string; n: number }>(
      db,
      `SELECT stage, count(*)::int AS n FROM tips GROUP BY stage ORDER BY stage`,
    );
    const [t] = await rows<Record<string, number>>(
      db,
      `SELECT count(*) FILTER (WHERE duplicate_of IS NOT NULL)::int AS duplicates,
              count(*) FILTER (WHERE rejected_reason LIKE 'spam%')::int AS spam,
              count(*) FILTER (WHERE rejected_reason LIKE 'too_vague%')::int AS vague,
              count(*)::int AS total,
              (SELECT count(*)::int FROM leads) AS leads,
              (SELECT count(*)::int FROM dead_letters) AS dead
       FROM tips`,
    );

    // Duplicate detection against the scenario's own truth.
    const stored = await rows<{ id: string; external_ref: string; duplicate_of: string | null }>(
      db,
      `SELECT id, external_ref, duplicate_of FROM tips`,
    );
    const byId = new Map(stored.map((r) => [r.id, r.external_ref]));
    const predicted = new Map<string, string>();
    for (const r of stored) {
      predicted.set(r.external_ref, r.duplicate_of ? byId.get(r.duplicate_of)! : r.external_ref);
    }
    const truth = new Map(tips.map((s) => [s.externalRef, s.truth.eventId ?? s.externalRef]));
    const score = scoreDuplicates(truth, predicted);
    const truthCount = (k: string) => tips.filter((s) => s.truth.kind === k).length;

    console.log('\nTips by stage');
    for (const r of stages) console.log(`  ${pad(r.stage, 14)}${num(r.n)}`);
    console.log(`  ${pad('total', 14)}${num(t.total)}`);
    console.log('\nTriage');
    console.log(
      `  duplicates found   ${num(t.duplicates)}   (scenario: ${truthCount('duplicate')})`,
    );
    console.log(`  rejected as spam   ${num(t.spam)}   (scenario: ${truthCount('spam')})`);
    console.log(`  rejected as vague  ${num(t.vague)}   (scenario: ${truthCount('vague')})`);
    console.log(`  leads opened       ${num(t.leads)}`);
    console.log(`  dead letters       ${num(t.dead)}`);
    console.log(
      `\nDuplicate detection (pairs of reports of one event): precision ${(score.precision * 100).toFixed(1)} %, recall ${(score.recall * 100).toFixed(1)} % (${score.correctPairs} of ${score.truePairs} true pairs found, ${score.predictedPairs} predicted)`,
    );
    console.log(`Pipeline: first submit to last lead in ${pipelineSeconds.toFixed(1)} s`);

    const ok = t.total === tips.length && t.dead === 0;
    console.log(ok ? '\nDemo OK' : '\nDemo FAILED: not every tip went through the pipeline');
    return ok ? 0 : 1;
  } finally {
    await db.end().catch(() => undefined);
    await stack.stop();
    await sleep(100);
    console.log(`stack stopped; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
