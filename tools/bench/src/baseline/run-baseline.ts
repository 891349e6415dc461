/**
 * Runs the bare baseline (a producer + one process per stage), warm: the producer keeps stage a
 * fed, the first `warmS` seconds are left out, and the rate is the items whose lead opened in the
 * `measureS` seconds after that, read from the database.
 */
import { resolve } from 'node:path';
import { Client } from 'pg';
import { latency, Latency, perSecond, sleep } from '../stats';
import { cpuPerItem, cpuSnapshot, peakRssMb, spawnNode, stopProcess, Spawned } from '../proc';
import { pgPerItem, PgPerItem, pgSnapshot } from '../pgstats';
import { BASELINE_CONCURRENCY, BASELINE_DDL, BASELINE_STAGES, BASELINE_TABLE } from './shared';

export interface BaselineResult {
  /** Items whose lead opened in the measured window. */
  items: number;
  /** Items per second over the measured window, after the warm-up. */
  itemsPerSec: number;
  /** Jobs in flight per stage (the baseline's own setting). */
  concurrency: number;
  /** The items and time the rate is measured over, after the warm-up. */
  measured: { items: number; ms: number };
  warmupMs: number;
  wallMs: number;
  /** The producer's add → the UPDATE that opens the lead, over the measured items. */
  latencyMs: Latency;
  /** CPU-ms per item of each baseline process over the measured window (/proc/<pid>/stat). */
  cpuMsPerItem: Record<string, number | null>;
  /** PostgreSQL per item over the measured window. */
  pgPerItem: PgPerItem;
  peakRssMb: Record<string, number | null>;
}

export async function runBaseline(opts: {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  warmS: number;
  measureS: number;
  wards: string[];
  db: Client;
  statements: boolean;
}): Promise<BaselineResult> {
  await opts.db.query(BASELINE_DDL);
  await opts.db.query(`TRUNCATE ${BASELINE_TABLE}`);
  const dir = __dirname;
  const concurrency = Number(process.env.BASELINE_CONCURRENCY || BASELINE_CONCURRENCY);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: opts.redisUrl,
    QUEUE_PREFIX: opts.prefix,
    BASELINE_CONCURRENCY: String(concurrency),
    // The producer stops a little after the window; the stages are stopped right after it.
    BENCH_SECONDS: String(opts.warmS + opts.measureS + 2),
    BENCH_WARDS: opts.wards.join(','),
  };
  const stages: Spawned[] = [];
  let producer: Spawned | null = null;
  const started = Date.now();
  try {
    for (const s of BASELINE_STAGES) {
      stages.push(
        await spawnNode(
          `baseline-${s}`,
          resolve(dir, 'stage.js'),
          [s],
          env,
          `baseline-${s} started`,
        ),
      );
    }
    producer = await spawnNode(
      'baseline-producer',
      resolve(dir, 'producer.js'),
      [],
      env,
      'baseline-producer started',
    );
    const all = [...stages, producer];
    const pids = Object.fromEntries(all.map((p) => [p.name, p.child.pid]));
    await sleep(opts.warmS * 1000);
    const [{ t: from }] = (await opts.db.query<{ t: Date }>('SELECT clock_timestamp() AS t')).rows;
    const cpu0 = cpuSnapshot(pids);
    const pg0 = await pgSnapshot(opts.db, opts.statements);
    await sleep(opts.measureS * 1000);
    const [{ t: to }] = (await opts.db.query<{ t: Date }>('SELECT clock_timestamp() AS t')).rows;
    const cpu1 = cpuSnapshot(pids);
    const pg1 = await pgSnapshot(opts.db, opts.statements);
    const { rows } = await opts.db.query<{ ms: number }>(
      `SELECT extract(epoch FROM lead_open_at - sent_at) * 1000 AS ms FROM ${BASELINE_TABLE}
       WHERE lead_open_at >= $1 AND lead_open_at < $2`,
      [from, to],
    );
    const items = rows.length;
    const measuredMs = to.getTime() - from.getTime();
    const rss: Record<string, number | null> = {};
    for (const s of stages) rss[s.name] = peakRssMb(s.child.pid);
    return {
      items,
      itemsPerSec: perSecond(items, measuredMs),
      concurrency,
      measured: { items, ms: measuredMs },
      warmupMs: opts.warmS * 1000,
      wallMs: Date.now() - started,
      latencyMs: latency(rows.map((r) => Number(r.ms))),
      cpuMsPerItem: cpuPerItem(cpu0, cpu1, items),
      pgPerItem: await pgPerItem(opts.db, pg0, pg1, items),
      peakRssMb: rss,
    };
  } finally {
    if (producer) await stopProcess(producer);
    await Promise.all(stages.map((s) => stopProcess(s)));
  }
}
