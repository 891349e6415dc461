/**
 * `npm run bench`: the real stack from dist/ on a fresh database and queue prefix, measured side
 * by side with a bare BullMQ + pg chain in the same run. Modes and options: tests/bench/run.sh
 * and the README's Performance section.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { loadConfig, loadReference } from '@app/config';
import { createRedis } from '@app/dispatch';
import { dropDatabase, PrivatePostgres, ProcessStack } from '@tools/stack';
import { BaselineResult, runBaseline } from './baseline/run-baseline';
import { backendCpu, backendCpuSpent, prepareOpenLeads, runClaims, runPacedClaims } from './claims';
import type { ClaimFigures } from './claims';
import { commandStats, diffStats, machine, prefixKeys, usedMemoryMb } from './machine';
import { parseOptions } from './options';
import { bearers } from './people';
import { readmeSection, reportsTable, table, targets, uploadsTable } from './output';
import { offeredRate, saturation, tipBodies } from './pipeline';
import { runMillion } from './million';
import { pgPerItem, pgSnapshot, statementsAvailable, topStatements } from './pgstats';
import { cpuPerItem, cpuSnapshot, peakRssMb } from './proc';
import { loadedReportTips, runReports } from './reports';
import type { BenchResults, ProductRound } from './results';
import { runUploads, UploadFigures } from './uploads';
import { round } from './stats';

function benchDatabaseUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const u = new URL(loadConfig().database.url);
  u.pathname = `${u.pathname.replace(/\/$/, '') || '/tiptrace'}_bench`;
  return u.toString();
}

async function createDatabase(url: string, keep: boolean): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const c = new Client({ connectionString: u.toString() });
  await c.connect();
  try {
    if (keep) {
      const { rows } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rows.length > 0) return;
    } else await dropDatabase(url);
    await c.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await c.end();
  }
}

/**
 * The API and every worker, started one after another: on a busy machine, six Node processes
 * starting at once can each take longer than the stack's start timeout. `triageWorkers` triage
 * processes share the triage queue.
 */
async function startOneByOne(stack: ProcessStack, triageWorkers = 1): Promise<void> {
  for (const app of [
    'api',
    ...Array.from({ length: triageWorkers }, () => 'triage-worker' as const),
    'linkage-worker',
    'outcome-worker',
    'dispatcher',
    'housekeeper',
  ] as const)
    await stack.start(app);
}

/** Each running process by app, a second one of an app as `app#2` and so on. */
function pidsByApp(processes: { app: string; child: { pid?: number } }[]): Record<string, number> {
  const out: Record<string, number> = {};
  const seen = new Map<string, number>();
  for (const p of processes) {
    if (p.child.pid === undefined) continue;
    const n = (seen.get(p.app) ?? 0) + 1;
    seen.set(p.app, n);
    out[n === 1 ? p.app : `${p.app}#${n}`] = p.child.pid;
  }
  return out;
}

/** The bench process's own CPU time so far (the load generator), in ms. */
function benchCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The middle element by `key` (the upper middle of an even count). */
function medianBy<T>(xs: T[], key: (x: T) => number): T {
  return [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)];
}

/** A round of `count` claims that warms the claim path up, unmeasured; its cold figures printed. */
async function warmUp(
  base: string,
  db: Client,
  investigators: string[],
  count: number,
  wards: string[],
): Promise<ClaimFigures> {
  step(`claims warm-up: ${investigators.length} claimers over ${count} open leads, unmeasured`);
  const w = await runClaims(base, db, investigators, count, wards);
  step(
    `  warm-up ${w.claimsPerSec}/s, p50 ${w.latencyMs.p50} ms, p99 ${w.latencyMs.p99} ms; the first claims up to ${w.firstMs} ms`,
  );
  return w;
}

function step(text: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}`);
}

export async function runBench(args: string[]): Promise<number> {
  const opts = parseOptions(args);
  const config = loadConfig();
  const wards = loadReference().wards;
  const privatePg = opts.privatePg
    ? await PrivatePostgres.start({
        settings: [
          'shared_preload_libraries=pg_stat_statements',
          'fsync=on',
          'full_page_writes=on',
          'shared_buffers=128MB',
        ],
      })
    : null;
  if (privatePg)
    step(`private PostgreSQL on port ${privatePg.port} (pg_stat_statements, fsync on)`);
  const databaseUrl = privatePg ? privatePg.database('tiptrace_bench') : benchDatabaseUrl();
  const prefix = `${config.queue.prefix}-bench-${process.pid}`;
  const outDir = resolve(process.env.BENCH_OUT_DIR || 'bench-results');
  const started = Date.now();
  step(
    `mode ${opts.mode}; database ${new URL(databaseUrl).pathname.slice(1)} (${opts.reuse ? 'kept' : 'recreated'}); prefix ${prefix}; ${opts.triageWorkers} triage worker(s)`,
  );

  await createDatabase(databaseUrl, opts.reuse);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const redis = createRedis(config.queue, { maxRetriesPerRequest: 3 });
  const [{ autovacuum }] = (await db.query(`SELECT current_setting('autovacuum') AS autovacuum`))
    .rows as { autovacuum: string }[];
  if (autovacuum !== 'on')
    step(
      'warning: autovacuum is off on this server, so tables are never analysed or vacuumed as they grow and plans and figures degrade over a long run; --private-pg runs on a server with it on',
    );
  const profileDir = resolve(outDir, 'profiles');
  const stack = await ProcessStack.create({
    databaseUrl,
    redisUrl: config.queue.redisUrl,
    queuePrefix: prefix,
    // 60 people log in within seconds from one address; the login limiter is not under test.
    env: {
      RATE_LIMIT_LOGIN_PER_MIN: '1000000',
      ...(opts.uploadSlots ? { ATTACHMENT_UPLOADS_AT_ONCE: String(opts.uploadSlots) } : {}),
    },
    // --cpu-prof is refused in NODE_OPTIONS, so it goes on the command line of every process.
    nodeArgs: opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  // Stopped by a signal (Ctrl-C, kill): the stack's processes and a private PostgreSQL are
  // stopped too, not left running on their own.
  const onSignal = (signal: NodeJS.Signals) => {
    step(`${signal}: stopping the stack`);
    db.on('error', () => undefined);
    void stack
      .stop()
      .catch(() => undefined)
      .then(() => db.end().catch(() => undefined))
      .then(() => privatePg?.destroy().catch(() => undefined))
      .then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // The stack keeps every line its processes print; keep only the tail while the bench runs.
  const trim = setInterval(() => {
    for (const p of stack.processes)
      if (p.output.length > 200) p.output.splice(0, p.output.length - 200);
  }, 1000);
  try {
    const mach = await machine(db, redis);
    const uploads = async (): Promise<UploadFigures> => {
      const api = stack.processes.find((p) => p.app === 'api' && p.child.exitCode === null);
      if (!api?.child.pid) throw new Error('the API is not running');
      const [bearer] = await bearers(stack.baseUrl, 'supervisor', 1);
      return runUploads({
        base: stack.baseUrl,
        bearer,
        apiPid: api.child.pid,
        files: opts.uploadFiles,
        fileMb: opts.uploadMb,
        photo: opts.uploadPhoto,
        slots: opts.uploadSlots ?? 4,
        wards,
        step,
      });
    };
    if (opts.uploadsOnly) {
      await stack.start('api');
      const only = await uploads();
      mkdirSync(outDir, { recursive: true });
      writeFileSync(
        resolve(outDir, 'uploads.json'),
        `${JSON.stringify({ startedAt: new Date(started).toISOString(), machine: mach, uploads: only }, null, 2)}\n`,
      );
      console.log(uploadsTable(only));
      return 0;
    }
    if (opts.claimsOnly) {
      await stack.start('api');
      // The housekeeper ranks the claim queue (and returns lapsed leases), as in steady use.
      await stack.start('housekeeper');
      const investigators = await bearers(stack.baseUrl, 'investigator', opts.claimers);
      const warmup = await warmUp(stack.baseUrl, db, investigators, opts.claimWarmup, wards);
      step(`claims only: ${opts.claimers} claimers over ${opts.openLeads} open leads`);
      // Where a claim's time goes: CPU of each process and of the database's server processes,
      // and (with --private-pg) the statements, over the closed loop alone.
      await prepareOpenLeads(db, opts.openLeads, wards);
      const statements = await statementsAvailable(db);
      if (statements) await db.query('SELECT pg_stat_statements_reset()').catch(() => undefined);
      const pids = () =>
        Object.fromEntries(stack.alive().map((p) => [p.app, p.child.pid] as [string, number]));
      const cpu0 = { ...cpuSnapshot(pids()), bench: benchCpuMs() };
      const server0 = await backendCpu(db);
      const pg0 = await pgSnapshot(db, statements);
      const closed = await runClaims(stack.baseUrl, db, investigators, opts.openLeads, wards);
      closed.warmup = warmup;
      const cpu1 = { ...cpuSnapshot(pids()), bench: benchCpuMs() };
      const server1 = await backendCpu(db);
      const pg1 = await pgSnapshot(db, statements);
      const perClaim = (ms: number) =>
        closed.claims > 0 ? Math.round((ms / closed.claims) * 1000) / 1000 : null;
      const costs = {
        cpuMsPerClaim: {
          ...cpuPerItem(cpu0, cpu1, closed.claims),
          postgres: perClaim(backendCpuSpent(server0, server1)),
        },
        pgPerClaim: await pgPerItem(db, pg0, pg1, closed.claims),
        topStatements: statements ? await topStatements(db, 10) : null,
      };
      step(
        `claims ${closed.claimsPerSec}/s, p50 ${closed.latencyMs.p50} ms, p99 ${closed.latencyMs.p99} ms`,
      );
      step(`  CPU-ms per claim ${JSON.stringify(costs.cpuMsPerClaim)}`);
      step(`  PostgreSQL per claim ${JSON.stringify(costs.pgPerClaim)}`);
      for (const st of costs.topStatements ?? [])
        step(`  ${st.calls} × ${st.meanMs} ms (${st.totalMs} ms): ${st.query}`);
      const paced = await runPacedClaims(
        stack.baseUrl,
        db,
        investigators,
        opts.claimRate,
        opts.rateSeconds,
        wards,
      );
      step(
        `paced ${opts.claimRate}/s: p50 ${paced.latencyMs.p50} ms, p99 ${paced.latencyMs.p99} ms`,
      );
      mkdirSync(outDir, { recursive: true });
      writeFileSync(
        resolve(outDir, 'claims.json'),
        `${JSON.stringify({ startedAt: new Date(started).toISOString(), machine: mach, claims: closed, claimCosts: costs, pacedClaims: paced }, null, 2)}\n`,
      );
      return 0;
    }
    if (opts.million) {
      await startOneByOne(stack, opts.triageWorkers);
      const statements = await statementsAvailable(db);
      if (statements) await db.query('SELECT pg_stat_statements_reset()').catch(() => undefined);
      const supervisors = await bearers(stack.baseUrl, 'supervisor', 4);
      step(`${opts.million} tips through POST /api/tips/import, as many a request as 64 KB takes`);
      const million = await runMillion({
        base: stack.baseUrl,
        db,
        supervisors,
        tips: opts.million,
        wards,
        step,
      });
      mkdirSync(outDir, { recursive: true });
      writeFileSync(
        resolve(outDir, 'million.json'),
        `${JSON.stringify({ startedAt: new Date(started).toISOString(), machine: mach, million }, null, 2)}\n`,
      );
      // With --private-pg: the statements that took the database's time over the whole run.
      if (statements)
        writeFileSync(
          resolve(outDir, 'statements.json'),
          `${JSON.stringify(await topStatements(db), null, 2)}\n`,
        );
      step(
        `${million.tips} tips: import answered in ${million.intakeS} s, leads in ${million.toLeadsS} s (${million.tipsPerSec} tips/s)`,
      );
      return 0;
    }
    if (opts.reportsOnly) {
      await startOneByOne(stack, opts.triageWorkers);
      const sup = async () => (await bearers(stack.baseUrl, 'supervisor', 1))[0];
      const already = opts.reuse ? await loadedReportTips(db, opts.reportSizes) : 0;
      step(
        `reports only, at ${opts.reportSizes.join(', ')} tips${opts.reuse ? ` (${already} already loaded)` : ''}`,
      );
      const only = await runReports(stack.baseUrl, db, sup, opts.reportSizes, wards, step, already);
      mkdirSync(outDir, { recursive: true });
      writeFileSync(
        resolve(outDir, 'reports.json'),
        `${JSON.stringify({ startedAt: new Date(started).toISOString(), machine: mach, reports: only }, null, 2)}\n`,
      );
      console.log(reportsTable(only));
      return 0;
    }
    const statsBefore = await commandStats(redis);

    // Tips are generated before any clock starts.
    const totalRateTips = opts.rates.reduce((a, r) => a + r * opts.rateSeconds, 0);
    const bodies = tipBodies(opts.tips * opts.rounds + totalRateTips, wards);

    const statements = await statementsAvailable(db);
    step(
      statements
        ? 'PostgreSQL counts statements (pg_stat_statements)'
        : 'pg_stat_statements is not loaded: statements per tip are not counted (commits are, from pg_stat_database)',
    );
    step('starting the stack from dist/');
    await startOneByOne(stack, opts.triageWorkers);
    const operators = await bearers(stack.baseUrl, 'operator', 8);
    const investigators = await bearers(stack.baseUrl, 'investigator', opts.claimers);
    const [supervisor] = await bearers(stack.baseUrl, 'supervisor', 1);
    const productPids = () => pidsByApp(stack.alive());

    // The product and the bare chain take turns, `rounds` times; the medians are reported.
    const baselineRounds: BaselineResult[] = [];
    const productRounds: ProductRound[] = [];
    for (let round = 1; round <= opts.rounds; round++) {
      step(
        `round ${round}/${opts.rounds}: baseline, ${opts.baselineWarmS} s warm-up + ${opts.baselineMeasureS} s measured`,
      );
      const b = await runBaseline({
        databaseUrl,
        redisUrl: config.queue.redisUrl,
        prefix: `${prefix}-baseline-${round}`,
        warmS: opts.baselineWarmS,
        measureS: opts.baselineMeasureS,
        wards,
        db,
        statements,
      });
      baselineRounds.push(b);
      step(`  baseline ${b.itemsPerSec} items/s`);
      step(
        `round ${round}/${opts.rounds}: product, ${opts.tips} tips over ${opts.concurrency} connections`,
      );
      const cpu0 = { ...cpuSnapshot(productPids()), bench: benchCpuMs() };
      const pg0 = await pgSnapshot(db, statements);
      const sat = await saturation(
        stack.baseUrl,
        db,
        bodies.slice((round - 1) * opts.tips, round * opts.tips),
        operators,
        opts.concurrency,
        `sat${round}`,
      );
      const cpu1 = { ...cpuSnapshot(productPids()), bench: benchCpuMs() };
      const pg1 = await pgSnapshot(db, statements);
      productRounds.push({
        ...sat,
        perTip: {
          cpuMs: cpuPerItem(cpu0, cpu1, sat.pipeline.tips),
          pg: await pgPerItem(db, pg0, pg1, sat.pipeline.tips),
        },
      });
      step(`  intake ${sat.http.acceptedPerSec}/s; pipeline ${sat.pipeline.tipsPerSec} tips/s`);
    }
    const sat = medianBy(productRounds, (r) => r.pipeline.tipsPerSec);
    const baseline: BenchResults['baseline'] = {
      ...medianBy(baselineRounds, (r) => r.itemsPerSec),
      rounds: baselineRounds.map((r) => r.itemsPerSec),
    };

    const rates: BenchResults['pipeline']['rates'] = [];
    let offset = opts.tips * opts.rounds;
    for (const rate of opts.rates) {
      const count = rate * opts.rateSeconds;
      step(`offered ${rate} tips/s for ${opts.rateSeconds} s`);
      rates.push(
        await offeredRate(stack.baseUrl, db, bodies.slice(offset, offset + count), operators, rate),
      );
      offset += count;
      const last = rates[rates.length - 1];
      step(`  p99 submit→lead ${last.pipeline.submitToLeadMs.p99} ms`);
    }

    const warmup = await warmUp(stack.baseUrl, db, investigators, opts.claimWarmup, wards);
    step(`claims: ${opts.claimers} claimers over ${opts.openLeads} open leads`);
    const claims = await runClaims(stack.baseUrl, db, investigators, opts.openLeads, wards);
    claims.warmup = warmup;
    step(`claims p99 ${claims.latencyMs.p99} ms`);
    step(
      `claims: ${opts.claimers} claimers, ${opts.claimRate} claims/s offered for ${opts.rateSeconds} s`,
    );
    const pacedClaims = await runPacedClaims(
      stack.baseUrl,
      db,
      investigators,
      opts.claimRate,
      opts.rateSeconds,
      wards,
    );
    step(`  p99 ${pacedClaims.latencyMs.p99} ms`);

    step(`reports at ${opts.reportSizes.join(', ')} tips`);
    const reports = await runReports(stack.baseUrl, db, supervisor, opts.reportSizes, wards, step);

    const uploadFigures = await uploads();

    const peak: Record<string, number | null> = {};
    for (const p of stack.processes) peak[p.app] = peakRssMb(p.child.pid);
    for (const [k, v] of Object.entries(baseline.peakRssMb)) peak[k] = v;
    peak.bench = round(process.memoryUsage().rss / 1024 / 1024, 1);

    // Queues drain and completed jobs are trimmed by retention; give the workers a moment.
    const redisUsedMemoryMb = await usedMemoryMb(redis);
    const redisKeysUnderPrefix = await prefixKeys(redis, prefix, false);
    const statsAfter = await commandStats(redis);

    const perSec = sat.pipeline.tipsPerSec;
    const results: BenchResults = {
      version: 1,
      mode: opts.mode,
      startedAt: new Date(started).toISOString(),
      durationS: 0,
      command: `npm run bench${opts.mode === 'default' ? '' : ` -- --${opts.mode}`}`,
      machine: mach,
      config: {
        options: opts,
        httpAdapter: 'fastify (@nestjs/platform-fastify)',
        workerConcurrency: config.queue.concurrency,
        databasePoolSize: config.database.poolSize,
        logLevel: process.env.LOG_LEVEL ?? 'info',
      },
      intake: sat.http,
      pipeline: {
        saturation: sat.pipeline,
        saturationRounds: productRounds.map((r) => r.pipeline.tipsPerSec),
        perTip: sat.perTip,
        rates,
      },
      baseline,
      ratio: baseline.itemsPerSec > 0 ? round(perSec / baseline.itemsPerSec, 3) : 0,
      claims,
      pacedClaims,
      reports,
      uploads: uploadFigures,
      memory: { peakRssMb: peak, redisUsedMemoryMb, redisKeysUnderPrefix },
      redisCommandStats: diffStats(statsBefore, statsAfter),
      extrapolation: {
        oneMillionTipsMinutes: perSec > 0 ? round(1_000_000 / perSec / 60, 1) : Infinity,
        basis: `1,000,000 ÷ ${perSec} tips/s measured end to end at saturation over ${sat.pipeline.tips} tips, assuming it holds as the tables grow`,
      },
      targets: [],
    };
    results.targets = targets(results);
    results.durationS = round((Date.now() - started) / 1000, 0);

    mkdirSync(outDir, { recursive: true });
    writeFileSync(resolve(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(resolve(outDir, 'README-section.md'), readmeSection(results));
    if (statements) {
      writeFileSync(
        resolve(outDir, 'statements.json'),
        `${JSON.stringify(await topStatements(db), null, 2)}\n`,
      );
    }
    console.log(`\nTipTrace benchmark (${opts.mode}), ${mach.cores} cores, ${mach.memoryGb} GB\n`);
    console.log(table(results));
    console.log(
      `\nwritten: ${resolve(outDir, 'latest.json')}, ${resolve(outDir, 'README-section.md')}`,
    );
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    clearInterval(trim);
    await stack.stop().catch(() => undefined);
    await prefixKeys(redis, prefix, true).catch(() => 0);
    // Each baseline round has a prefix of its own (`<prefix>-baseline-<round>`).
    for (let round = 1; round <= opts.rounds; round++)
      await prefixKeys(redis, `${prefix}-baseline-${round}`, true).catch(() => 0);
    redis.disconnect();
    await db.end().catch(() => undefined);
    await privatePg?.destroy().catch(() => undefined);
    step(`done in ${round((Date.now() - started) / 1000, 0)} s`);
  }
}
