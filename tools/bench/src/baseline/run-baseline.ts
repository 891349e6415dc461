/** Runs the bare baseline (producer + one process per stage) and measures it from the database. */
import { resolve } from 'node:path';
import { Client } from 'pg';
import { latency, Latency, perSecond, sleep } from '../stats';
import { peakRssMb, spawnNode, stopProcess, Spawned } from '../proc';
import {
  BASELINE_CONCURRENCY,
  BASELINE_DDL,
  BASELINE_STAGES,
  BASELINE_TABLE,
  BASELINE_WARMUP_SHARE,
} from './shared';

export interface BaselineResult {
  items: number;
  /** Items per second after the warm-up: the completions after the first 20 %. */
  itemsPerSec: number;
  /** Jobs in flight per stage (the baseline's own setting). */
  concurrency: number;
  /** The items and time the rate is measured over, after the warm-up. */
  measured: { items: number; ms: number };
  wallMs: number;
  latencyMs: Latency;
  peakRssMb: Record<string, number | null>;
}

export async function runBaseline(opts: {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  items: number;
  wards: string[];
  db: Client;
  timeoutMs: number;
}): Promise<BaselineResult> {
  await opts.db.query(BASELINE_DDL);
  await opts.db.query(`TRUNCATE ${BASELINE_TABLE}`);
  const dir = __dirname;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: opts.redisUrl,
    QUEUE_PREFIX: opts.prefix,
    BENCH_ITEMS: String(opts.items),
    BENCH_WARDS: opts.wards.join(','),
  };
  const stages: Spawned[] = [];
  let producer: Spawned | null = null;
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
    producer = await spawnNode('baseline-producer', resolve(dir, 'producer.js'), [], env);
    const code = await producer.exited;
    if (code !== 0) throw new Error(`baseline producer failed: ${producer.output.join('')}`);
    const line = producer.output.join('').trim().split('\n').pop() ?? '{}';
    const { startedAt } = JSON.parse(line) as { startedAt: number };
    const deadline = Date.now() + opts.timeoutMs;
    for (;;) {
      const { rows } = await opts.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${BASELINE_TABLE} WHERE stage = 'lead_open'`,
      );
      if (rows[0].n >= opts.items) break;
      if (Date.now() > deadline) throw new Error(`baseline: only ${rows[0].n}/${opts.items} done`);
      await sleep(100);
    }
    const { rows } = await opts.db.query<{ last: Date; ms: number }>(
      `SELECT max(lead_open_at) AS last FROM ${BASELINE_TABLE}`,
    );
    const wallMs = rows[0].last.getTime() - startedAt;
    const lat = await opts.db.query<{ ms: number }>(
      `SELECT extract(epoch FROM lead_open_at - received_at) * 1000 AS ms FROM ${BASELINE_TABLE}`,
    );
    // Warm-up: processes, connections and caches are cold for the first items; the rate is taken
    // from the completion of the first 20 % to the last.
    const warm = Math.max(1, Math.floor(opts.items * BASELINE_WARMUP_SHARE));
    const { rows: marks } = await opts.db.query<{ at: Date }>(
      `SELECT lead_open_at AS at FROM ${BASELINE_TABLE} ORDER BY lead_open_at OFFSET $1 LIMIT 1`,
      [warm - 1],
    );
    const measuredMs = rows[0].last.getTime() - marks[0].at.getTime();
    const concurrency = Number(process.env.BASELINE_CONCURRENCY || BASELINE_CONCURRENCY);
    const rss: Record<string, number | null> = {};
    for (const s of stages) rss[s.name] = peakRssMb(s.child.pid);
    return {
      items: opts.items,
      itemsPerSec: perSecond(opts.items - warm, measuredMs),
      concurrency,
      measured: { items: opts.items - warm, ms: measuredMs },
      wallMs,
      latencyMs: latency(lat.rows.map((r) => Number(r.ms))),
      peakRssMb: rss,
    };
  } finally {
    if (producer) await stopProcess(producer);
    await Promise.all(stages.map((s) => stopProcess(s)));
  }
}
