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
import { dropDatabase, ProcessStack } from '@tools/stack';
import { runBaseline } from './baseline/run-baseline';
import { runClaims, runPacedClaims } from './claims';
import { commandStats, diffStats, machine, prefixKeys, usedMemoryMb } from './machine';
import { parseOptions } from './options';
import { bearers } from './people';
import { readmeSection, reportsTable, table, targets, uploadsTable } from './output';
import { offeredRate, saturation, tipBodies } from './pipeline';
import { peakRssMb } from './proc';
import { loadedReportTips, runReports } from './reports';
import type { BenchResults } from './results';
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

function step(text: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}`);
}

export async function runBench(args: string[]): Promise<number> {
  const opts = parseOptions(args);
  const config = loadConfig();
  const wards = loadReference().wards;
  const databaseUrl = benchDatabaseUrl();
  const prefix = `${config.queue.prefix}-bench-${process.pid}`;
  const outDir = resolve(process.env.BENCH_OUT_DIR || 'bench-results');
  const started = Date.now();
  step(
    `mode ${opts.mode}; database ${new URL(databaseUrl).pathname.slice(1)} (${opts.reuse ? 'kept' : 'recreated'}); prefix ${prefix}`,
  );

  await createDatabase(databaseUrl, opts.reuse);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const redis = createRedis(config.queue, { maxRetriesPerRequest: 3 });
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
    if (opts.reportsOnly) {
      await stack.startAll();
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
    const bodies = tipBodies(opts.tips + totalRateTips, wards);

    step(
      `baseline: ${opts.baselineItems} items through producer → a (INSERT) → b (UPDATE) → c (UPDATE)`,
    );
    const baseline = await runBaseline({
      databaseUrl,
      redisUrl: config.queue.redisUrl,
      prefix: `${prefix}-baseline`,
      items: opts.baselineItems,
      wards,
      db,
      timeoutMs: 60_000 + opts.baselineItems * 20,
    });
    step(`baseline: ${baseline.itemsPerSec} items/s`);

    step('starting the stack from dist/');
    await stack.startAll();
    const operators = await bearers(stack.baseUrl, 'operator', 8);
    const investigators = await bearers(stack.baseUrl, 'investigator', opts.claimers);
    const [supervisor] = await bearers(stack.baseUrl, 'supervisor', 1);

    step(`intake: ${opts.tips} tips over ${opts.concurrency} connections`);
    const sat = await saturation(
      stack.baseUrl,
      db,
      bodies.slice(0, opts.tips),
      operators,
      opts.concurrency,
    );
    step(`intake ${sat.http.acceptedPerSec}/s; pipeline ${sat.pipeline.tipsPerSec} tips/s`);

    const rates: BenchResults['pipeline']['rates'] = [];
    let offset = opts.tips;
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

    step(`claims: ${opts.claimers} claimers over ${opts.openLeads} open leads`);
    const claims = await runClaims(stack.baseUrl, db, investigators, opts.openLeads, wards);
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
        httpAdapter: 'express (@nestjs/platform-express)',
        workerConcurrency: config.queue.concurrency,
        databasePoolSize: config.database.poolSize,
        logLevel: process.env.LOG_LEVEL ?? 'info',
      },
      intake: sat.http,
      pipeline: { saturation: sat.pipeline, rates },
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
    console.log(`\nTipTrace benchmark (${opts.mode}), ${mach.cores} cores, ${mach.memoryGb} GB\n`);
    console.log(table(results));
    console.log(
      `\nwritten: ${resolve(outDir, 'latest.json')}, ${resolve(outDir, 'README-section.md')}`,
    );
    return 0;
  } finally {
    clearInterval(trim);
    await stack.stop().catch(() => undefined);
    await prefixKeys(redis, prefix, true).catch(() => 0);
    await prefixKeys(redis, `${prefix}-baseline`, true).catch(() => 0);
    redis.disconnect();
    await db.end().catch(() => undefined);
    step(`done in ${round((Date.now() - started) / 1000, 0)} s`);
  }
}
