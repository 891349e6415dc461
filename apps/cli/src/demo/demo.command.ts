import { Client, QueryResultRow } from 'pg';
import { loadConfig, loadReference } from '@app/config';
import { generateYearTips, planYear, SEED_FIGURES, toImportTip } from '@app/scenario';
import type { ScenarioTip } from '@app/scenario';
import { dropDatabase, ProcessStack, sleep, waitFor } from '@app/stack';
import { ApiClient } from '@app/stack';
import { scoreDuplicates } from './duplicate-score';
import { playInvestigators } from './investigators';

const BATCH = 100;
const PASSWORD = 'demo-password-2023';
const SUPERVISORS = ['sup.lan', 'sup.minh', 'sup.hoa'];
const INVESTIGATORS = ['inv.an', 'inv.binh', 'inv.chau', 'inv.dung', 'inv.giang', 'inv.hung'];

async function rows<T extends QueryResultRow>(db: Client, sql: string): Promise<T[]> {
  return (await db.query<T>(sql)).rows;
}

function demoDatabaseUrl(): string {
  if (process.env.DEMO_DATABASE_URL) return process.env.DEMO_DATABASE_URL;
  const u = new URL(loadConfig().database.url);
  u.pathname = `${u.pathname.replace(/\/$/, '') || '/tiptrace'}_demo`;
  return u.toString();
}

/** `--serve`: leave the replayed year up for the web console until Ctrl-C or SIGTERM. */
async function serveUntilStopped(baseUrl: string): Promise<void> {
  console.log(`\nWeb console: ${baseUrl}/  (Ctrl-C stops the stack)`);
  console.log(`  supervisors ${SUPERVISORS.join(', ')}; investigators ${INVESTIGATORS.join(', ')}`);
  console.log(`  password of every demo account: ${PASSWORD}`);
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const num = (n: number, w = 6) => String(n).padStart(w);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** The year's register entered by several supervisors at once, each taking the next batch. */
async function submitYear(clients: ApiClient[], tips: ScenarioTip[]): Promise<Map<string, string>> {
  const batches: ScenarioTip[][] = [];
  for (let i = 0; i < tips.length; i += BATCH) batches.push(tips.slice(i, i + BATCH));
  const ids = new Map<string, string>();
  let next = 0;
  await Promise.all(
    clients.map(async (me) => {
      while (next < batches.length) {
        const batch = batches[next++];
        const res = await me.must<{ ids: string[] }>('POST', '/api/tips/import', {
          tips: batch.map(toImportTip),
        });
        res.body.ids.forEach((id, i) => ids.set(batch[i].externalRef, id));
      }
    }),
  );
  return ids;
}

async function people(stack: ProcessStack): Promise<{ sup: ApiClient[]; inv: ApiClient[] }> {
  const admin = await ApiClient.login(
    stack.baseUrl,
    process.env.ADMIN_USERNAME || 'admin',
    process.env.ADMIN_PASSWORD || 'tiptrace-dev-admin',
  );
  const create = async (username: string, role: string) => {
    await admin.must('POST', '/api/users', { username, password: PASSWORD, role }, [201, 409]);
    return ApiClient.login(stack.baseUrl, username, PASSWORD);
  };
  return {
    sup: await Promise.all(SUPERVISORS.map((u) => create(u, 'supervisor'))),
    inv: await Promise.all(INVESTIGATORS.map((u) => create(u, 'investigator'))),
  };
}

export async function runDemo(args: string[]): Promise<number> {
  const config = loadConfig();
  const databaseUrl = demoDatabaseUrl();
  const started = Date.now();
  console.log(`TipTrace demo: ${config.reference.district}, year 2023`);
  console.log(`database ${new URL(databaseUrl).pathname.slice(1)} (recreated)`);
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
    console.log(`stack up in ${secs(Date.now() - started)} (api on ${stack.baseUrl})`);
    await db.connect();
    const { sup, inv } = await people(stack);

    // 1. The year's tips through intake, triage and linkage.
    const tips = generateYearTips({ wards: loadReference().wards });
    const t0 = Date.now();
    const ids = await submitYear(sup, tips);
    console.log(
      `submitted ${ids.size} tips as ${sup.length} supervisors in ${secs(Date.now() - t0)}`,
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
      async () =>
        `the pipeline to drain: ${JSON.stringify(await rows(db, `SELECT stage, count(*)::int AS n FROM tips GROUP BY stage`))}`,
      200,
    );
    const [last] = await rows<{ at: Date }>(
      db,
      `SELECT max(GREATEST(triaged_at, lead_open_at)) AS at FROM tips`,
    );
    const pipelineMs = last.at.getTime() - t0;
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
    const stored = await rows<{ id: string; external_ref: string; duplicate_of: string | null }>(
      db,
      `SELECT id, external_ref, duplicate_of FROM tips`,
    );
    const byId = new Map(stored.map((r) => [r.id, r.external_ref]));
    const predicted = new Map(
      stored.map((r) => [
        r.external_ref,
        r.duplicate_of ? byId.get(r.duplicate_of)! : r.external_ref,
      ]),
    );
    const truth = new Map(tips.map((s) => [s.externalRef, s.truth.eventId ?? s.externalRef]));
    const score = scoreDuplicates(truth, predicted);
    const truthCount = (k: string) => tips.filter((s) => s.truth.kind === k).length;
    console.log('\nTriage');
    console.log(
      `  duplicates found   ${num(t.duplicates)}   (scenario: ${truthCount('duplicate')})`,
    );
    console.log(`  rejected as spam   ${num(t.spam)}   (scenario: ${truthCount('spam')})`);
    console.log(`  rejected as vague  ${num(t.vague)}   (scenario: ${truthCount('vague')})`);
    console.log(`  leads opened       ${num(t.leads)}`);
    console.log(`  dead letters       ${num(t.dead)}`);
    console.log(
      `  duplicate pairs: precision ${(score.precision * 100).toFixed(1)} %, recall ${(score.recall * 100).toFixed(1)} % (${score.correctPairs}/${score.truePairs} found, ${score.predictedPairs} predicted)`,
    );
    console.log(`  first submit to last lead: ${secs(pipelineMs)}`);

    // 2. The year's investigators work the leads and the cases.
    const plan = planYear(tips, {});
    const t1 = Date.now();
    const work = await playInvestigators(inv, tips, ids, plan);
    console.log(`\nInvestigators (${inv.length}, concurrently) in ${secs(Date.now() - t1)}`);
    console.log(
      `  leads claimed ${work.leadsClaimed}: linked ${work.linked}, dismissed ${work.dismissed + work.unplannedDismissed} (${work.unplannedDismissed} spam that passed triage), kept open ${work.leftOpen}`,
    );
    console.log(
      `  cases opened ${work.casesOpened}, arrests recorded ${work.arrests}, cases resolved ${work.resolved}`,
    );
    console.log(
      `  claim latency p50 ${percentile(work.claimMs, 50).toFixed(1)} ms, p99 ${percentile(work.claimMs, 99).toFixed(1)} ms over ${work.claimMs.length} claims`,
    );
    // Outcomes reach the tips through the outcomes queue.
    await waitFor(
      async () => {
        const [r] = await rows<{ n: number }>(
          db,
          `SELECT count(*)::int AS n FROM tips t JOIN cases c ON c.id = t.case_id
           WHERE t.case_status IS DISTINCT FROM c.status OR t.case_resolution IS DISTINCT FROM c.resolution
              OR t.arrests <> (SELECT count(*) FROM arrests a WHERE a.case_id = c.id)`,
        );
        return r.n === 0;
      },
      60_000,
      () => 'case outcomes to reach every linked tip',
    );

    console.log('\nTips by stage at year end');
    for (const r of await rows<{ stage: string; n: number }>(
      db,
      `SELECT stage, count(*)::int AS n FROM tips GROUP BY stage ORDER BY stage`,
    )) {
      console.log(`  ${pad(r.stage, 14)}${num(r.n)}`);
    }

    // Reports read tables the relay keeps (about a second behind): wait until they caught up.
    await waitFor(
      async () => {
        const [r] = await rows<{ ok: boolean }>(
          db,
          `SELECT (SELECT at FROM report_watermarks WHERE name = 'funnel')
                  > (SELECT max(changed_at) FROM tips) + interval '1 second'
              AND (SELECT at FROM report_watermarks WHERE name = 'cases')
                  > (SELECT max(changed_at) FROM cases) + interval '1 second' AS ok`,
        );
        return r.ok === true;
      },
      60_000,
      () => 'the reporting tables to catch up',
    );

    // 3. The supervisor's year-end report, computed by the API from what the pipeline stored.
    const report = (
      await sup[0].must<{
        criminal: typeof SEED_FIGURES.criminal & { arrests: number };
        tips: { received: number; casesResolved: number; arrests: number };
        text: { vi: string; en: string };
      }>('GET', '/api/reports/annual?year=2023')
    ).body;
    const c = report.criminal;
    console.log('\nYear-end report 2023 (GET /api/reports/annual?year=2023)');
    console.log(
      `  tips ${report.tips.received} → resolved cases ${report.tips.casesResolved} → arrests ${report.tips.arrests}`,
    );
    console.log(
      `  criminal cases ${c.occurred}, solved ${c.solved} (${c.clearanceRate.toFixed(2)} %), arrests ${c.arrests}; severe ${c.severe.solved}/${c.severe.occurred} solved (${c.severe.clearanceRate.toFixed(2)} %, i.e. ${c.severe.clearanceRate.toFixed(1)} %)`,
    );
    console.log(`\n  ${report.text.vi}\n\n  ${report.text.en}`);

    // The funnel for the year, from the reporting tables (they may lag the events by a second).
    const funnel = await waitFor(
      async () => {
        const r = await sup[0].must<Record<string, number | null>>(
          'GET',
          '/api/reports/funnel?from=2023-01-01T00:00:00Z&to=2024-01-01T00:00:00Z',
        );
        return r.body.tipsReceived === tips.length &&
          r.body.casesResolvedFromTips === report.tips.casesResolved
          ? r.body
          : undefined;
      },
      30_000,
      () => 'the funnel to catch up',
    );
    console.log('\nFunnel 2023 (GET /api/reports/funnel)');
    for (const k of [
      'tipsReceived',
      'tipsActionable',
      'tipsDuplicate',
      'tipsRejected',
      'tipsLinked',
      'casesFromTips',
      'casesResolvedFromTips',
      'arrestsFromTips',
      'medianSecondsToTriage',
      'medianSecondsToClaim',
    ]) {
      console.log(`  ${pad(k, 24)}${num(Number(funnel[k] ?? 0), 10)}`);
    }
    const audit = await waitFor(
      async () => {
        const r = await sup[0].must<{ valid: boolean; entries: number; unsealed: number }>(
          'GET',
          '/api/audit/verify',
        );
        return r.body.unsealed === 0 ? r.body : undefined;
      },
      30_000,
      () => 'the audit log to be sealed',
    );
    console.log(
      `\nAudit log: ${audit.entries} entries, hash chain ${audit.valid ? 'valid' : 'BROKEN'}`,
    );

    const want = SEED_FIGURES;
    const checks: [string, number, number][] = [
      ['tips received', report.tips.received, want.tipsReceived],
      ['cases resolved from tips', report.tips.casesResolved, want.casesResolvedFromTips],
      ['arrests from tips', report.tips.arrests, want.arrestsFromTips],
      ['criminal cases', c.occurred, want.criminal.occurred],
      ['criminal solved', c.solved, want.criminal.solved],
      ['clearance rate', c.clearanceRate, want.criminal.clearanceRate],
      ['criminal arrests', c.arrests, want.criminal.arrests],
      ['severe clearance', c.severe.clearanceRate, want.criminal.severe.clearanceRate],
      ['dead letters', t.dead, 0],
      ['funnel arrests from tips', Number(funnel.arrestsFromTips), want.arrestsFromTips],
      ['audit chain valid', audit.valid ? 1 : 0, 1],
    ];
    const failed = checks.filter(([, got, expected]) => got !== expected);
    for (const [name, got, expected] of failed) {
      console.log(`  MISMATCH ${name}: got ${got}, the review says ${expected}`);
    }
    console.log(
      failed.length === 0
        ? '\nDemo OK: the report matches the 2023 review (1,200 tips → 127 resolved cases → 158 arrests)'
        : '\nDemo FAILED',
    );
    if (args.includes('--serve')) await serveUntilStopped(stack.baseUrl);
    return failed.length === 0 ? 0 : 1;
  } finally {
    await db.end().catch(() => undefined);
    await stack.stop();
    await sleep(100);
    console.log(`stack stopped; total ${secs(Date.now() - started)}`);
  }
}
