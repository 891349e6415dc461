/** 50 investigators claiming at once over a fixed number of open leads. */
import { Client } from 'pg';
import { CATEGORIES } from '@app/contracts';
import { openLoop, postJson } from './load';
import { cpuMs } from './proc';
import { latency, Latency, perSecond } from './stats';

export interface ClaimFigures {
  openLeads: number;
  claimers: number;
  /** Leads inserted directly (tips + leads rows in SQL) to reach `openLeads`. */
  insertedLeads: number;
  /** Open leads set aside (dismissed) so that exactly `openLeads` were open. */
  setAside: number;
  claims: number;
  empty: number;
  errors: number;
  claimsPerSec: number;
  wallMs: number;
  latencyMs: Latency;
  /** The slowest of the first answers, one per claimer: all claim at once at the start. */
  firstMs: number;
  doubleClaims: number;
  /**
   * The unmeasured round just before, which warmed the claim path up as the baseline is warmed
   * up: a freshly started API runs its first claims cold (code not yet optimised, the claim
   * statement planned, the pool's connections opened on first use); its figures are kept.
   */
  warmup?: ClaimFigures;
}

/** Makes exactly `target` leads open: tops up with SQL-made leads or sets surplus aside. */
export async function prepareOpenLeads(
  db: Client,
  target: number,
  wards: string[],
): Promise<{ inserted: number; setAside: number }> {
  const [{ n }] = (
    await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM leads WHERE stage = 'open'`)
  ).rows;
  if (n < target) {
    const missing = target - n;
    await db.query(
      `WITH t AS (
         INSERT INTO tips (id, reference, stage, channel, category, ward, description, received_at,
           anonymous, has_contact, priority, lead_id, triaged_at, lead_open_at, imported, external_ref)
         SELECT gen_random_uuid(), 'BENCH-L-' || $4 || '-' || g, 'lead_open', 'hotline',
           ($2::text[])[1 + g % cardinality($2::text[])], ($3::text[])[1 + g % cardinality($3::text[])],
           'bench lead ' || g, now(), true, false, (g * 37) % 100, gen_random_uuid(), now(), now(),
           true, 'bench-lead-' || $4 || '-' || g
         FROM generate_series(1, $1) g
         RETURNING id, lead_id, priority, ward, category)
       INSERT INTO leads (id, stage, priority, ward, category, origin_tip_id)
       SELECT lead_id, 'open', priority, ward, category, id FROM t`,
      // A batch tag keeps references unique across the calls of one run.
      [missing, [...CATEGORIES], wards, Date.now().toString(36)],
    );
    await db.query('ANALYZE leads');
    await waitRanked(db);
    return { inserted: missing, setAside: 0 };
  }
  if (n > target) {
    await db.query(
      `UPDATE leads SET stage = 'dismissed', dismissed_reason = 'bench: set aside', updated_at = now()
       WHERE id IN (SELECT id FROM leads WHERE stage = 'open' ORDER BY id LIMIT $1)`,
      [n - target],
    );
    await db.query('ANALYZE leads');
  }
  return { inserted: 0, setAside: Math.max(0, n - target) };
}

/**
 * Waits (up to a minute) until the housekeeper has ranked the open leads, as it keeps them
 * between claims in steady use: leads made here in SQL start unranked.
 */
async function waitRanked(db: Client): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM leads WHERE stage = 'open' AND rank_due_at <= now()`,
    );
    if (rows[0].n === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function runClaims(
  base: string,
  db: Client,
  investigators: string[],
  target: number,
  wards: string[],
): Promise<ClaimFigures> {
  const { inserted, setAside } = await prepareOpenLeads(db, target, wards);
  const ms: number[] = [];
  const seen = new Set<string>();
  let doubleClaims = 0;
  let empty = 0;
  let errors = 0;
  const startedAt = Date.now();
  await Promise.all(
    investigators.map(async (authorization) => {
      // Bounded: every claimer stops at the first empty answer or after `target` tries.
      for (let i = 0; i < target; i++) {
        const t = performance.now();
        const res = await postJson(base, '/api/leads/claim', '{}', { authorization });
        const text = res.text;
        const took = performance.now() - t;
        if (res.status === 204) {
          empty++;
          return;
        }
        if (res.status !== 200) {
          errors++;
          if (errors > 100) throw new Error(`claims: too many errors (last ${res.status})`);
          continue;
        }
        ms.push(took);
        const { id } = JSON.parse(text) as { id: string };
        if (seen.has(id)) doubleClaims++;
        seen.add(id);
      }
    }),
  );
  const wallMs = Date.now() - startedAt;
  return {
    openLeads: target,
    claimers: investigators.length,
    insertedLeads: inserted,
    setAside,
    claims: ms.length,
    empty,
    errors,
    claimsPerSec: perSecond(ms.length, wallMs),
    wallMs,
    latencyMs: latency(ms),
    firstMs: Math.round(Math.max(0, ...ms.slice(0, investigators.length)) * 10) / 10,
    doubleClaims,
  };
}

export interface PacedClaimFigures {
  claimers: number;
  /** Claims offered per second, spread over the claimers in turn. */
  offeredPerSec: number;
  seconds: number;
  claims: number;
  empty: number;
  errors: number;
  /** Claims sent behind schedule (too many outstanding) or never sent (past the deadline). */
  late: number;
  dropped: number;
  latencyMs: Latency;
  doubleClaims: number;
}

/**
 * The same claimers claiming at a fixed offered rate (open loop: a claim is sent on schedule
 * whatever the answers before it), so the figures are the claim's own latency with the API below
 * saturation, not the queueing of a closed loop at its limit.
 */
export async function runPacedClaims(
  base: string,
  db: Client,
  investigators: string[],
  rate: number,
  seconds: number,
  wards: string[],
): Promise<PacedClaimFigures> {
  const count = rate * seconds;
  await prepareOpenLeads(db, count, wards);
  const requests = Array.from({ length: count }, (_, i) => ({
    path: '/api/leads/claim',
    body: '{}',
    headers: { authorization: investigators[i % investigators.length] },
  }));
  const claimed = async () =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM leads WHERE stage = 'claimed'`))
      .rows[0].n;
  const before = await claimed();
  const res = await openLoop(base, requests, rate, investigators.length);
  const ok = res.sent.filter((s) => s.status === 200);
  // Every answered claim took a lead of its own: as many more leads claimed as answers.
  const doubles = ok.length - ((await claimed()) - before);
  return {
    claimers: investigators.length,
    offeredPerSec: rate,
    seconds,
    claims: ok.length,
    empty: res.sent.filter((s) => s.status === 204).length,
    errors: res.sent.filter((s) => s.status !== 200 && s.status !== 204).length,
    late: res.late,
    dropped: res.dropped,
    latencyMs: latency(ok.map((s) => s.ms)),
    doubleClaims: doubles,
  };
}

/** CPU-ms used so far by each server process of the database `db` is connected to, by pid. */
export async function backendCpu(db: Client): Promise<Map<number, number>> {
  const { rows } = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
  );
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = cpuMs(pid);
    if (ms !== null) out.set(pid, ms);
  }
  return out;
}

/** CPU-ms the server processes spent between two readings (one started since counts from 0). */
export function backendCpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, a] of after) ms += a - (before.get(pid) ?? 0);
  return ms;
}
