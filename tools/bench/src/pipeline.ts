/** Intake over HTTP and the pipeline behind it, measured from the tips' own stage timestamps. */
import { Client } from 'pg';
import { generateYearTips } from '@tools/scenario';
import type { ScenarioTip } from '@tools/scenario';
import { closedLoop, LoadResult, openLoop, PostRequest } from './load';
import { latency, Latency, perSecond, sleep } from './stats';

/** The generator's unique registries run out a little above 3,000 tips; years are stitched. */
const CHUNK = 2000;
const MAX_TIPS = 5_000_000;

/** Realistic tips as an operator would POST them (no receivedAt/externalRef, no ground truth). */
export function tipBodies(count: number, wards: string[], seed = 7_000): string[] {
  const out: string[] = [];
  const n = Math.min(count, MAX_TIPS);
  for (let chunk = 0; out.length < n; chunk++) {
    const tips: ScenarioTip[] = generateYearTips({ wards, total: CHUNK, seed: seed + chunk });
    for (const t of tips) {
      if (out.length >= n) break;
      out.push(
        JSON.stringify({
          channel: t.channel,
          category: t.category,
          ward: t.ward,
          description: t.description,
          occurredAt: t.occurredAt,
          location: t.location,
          anonymous: t.anonymous,
          tipster: t.tipster,
        }),
      );
    }
  }
  return out;
}

export function requestsFor(bodies: string[], tag: string, operators: string[]): PostRequest[] {
  return bodies.map((body, i) => ({
    path: '/api/tips',
    body,
    headers: {
      authorization: operators[i % operators.length],
      'idempotency-key': `bench-${tag}-${i}`,
    },
  }));
}

export interface HttpFigures {
  requests: number;
  accepted: number;
  errors: Record<string, number>;
  acceptedPerSec: number;
  wallMs: number;
  latencyMs: Latency;
  late?: number;
  dropped?: number;
}

export function httpFigures(r: LoadResult): HttpFigures {
  const ok = r.sent.filter((s) => s.status === 202);
  const errors: Record<string, number> = {};
  for (const s of r.sent) if (s.status !== 202) errors[s.status] = (errors[s.status] ?? 0) + 1;
  const wallMs = r.endedAt - r.startedAt;
  return {
    requests: r.sent.length,
    accepted: ok.length,
    errors,
    acceptedPerSec: perSecond(ok.length, wallMs),
    wallMs,
    latencyMs: latency(ok.map((s) => s.ms)),
    ...(r.late ? { late: r.late } : {}),
    ...(r.dropped ? { dropped: r.dropped } : {}),
  };
}

export interface PipelineFigures {
  tips: number;
  stages: Record<string, number>;
  /** From the first submit to the last lead opened (or tip rejected). */
  wallMs: number;
  tipsPerSec: number;
  /**
   * The client's send → the commit that opens the lead (triaged_at for tips triage rejects or
   * holds for review): what a caller waits, HTTP and intake included.
   */
  submitToLeadMs: Latency;
  /** received_at (the intake's INSERT) → lead_open_at: the pipeline behind the answer. */
  receivedToLeadMs: Latency;
  receivedToTriagedMs: Latency;
  triagedToLeadMs: Latency;
}

const END = `COALESCE(lead_open_at, CASE WHEN stage IN ('rejected', 'needs_review') THEN triaged_at END)`;

/** Waits until every tip of `tag` has left received/triaged, then reads its timestamps. */
export async function pipelineFigures(
  db: Client,
  tag: string,
  firstSubmitAt: number,
  timeoutMs: number,
  /** When the client sent each tip, by idempotency key. */
  sentAt: Map<string, number> = new Map(),
): Promise<PipelineFigures> {
  const where = `idempotency_key LIKE 'bench-${tag}-%'`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tips WHERE ${where} AND stage IN ('received', 'triaged')`,
    );
    if (rows[0].n === 0) break;
    if (Date.now() > deadline) {
      throw new Error(`pipeline ${tag}: ${rows[0].n} tips still in received/triaged`);
    }
    await sleep(200);
  }
  const stages: Record<string, number> = {};
  for (const r of (
    await db.query<{ stage: string; n: number }>(
      `SELECT stage, count(*)::int AS n FROM tips WHERE ${where} GROUP BY stage ORDER BY stage`,
    )
  ).rows) {
    stages[r.stage] = r.n;
  }
  const { rows } = await db.query<{
    key: string;
    end: number;
    ms: number;
    tri: number | null;
    lead: number | null;
  }>(
    `SELECT idempotency_key AS key, extract(epoch FROM ${END}) * 1000 AS end,
            extract(epoch FROM ${END} - received_at) * 1000 AS ms,
            extract(epoch FROM triaged_at - received_at) * 1000 AS tri,
            extract(epoch FROM lead_open_at - triaged_at) * 1000 AS lead
     FROM tips WHERE ${where} AND ${END} IS NOT NULL`,
  );
  const [last] = (await db.query<{ at: Date }>(`SELECT max(${END}) AS at FROM tips WHERE ${where}`))
    .rows;
  const tips = Object.values(stages).reduce((a, b) => a + b, 0);
  const wallMs = last.at ? last.at.getTime() - firstSubmitAt : 0;
  const nums = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null).map(Number);
  return {
    tips,
    stages,
    wallMs,
    tipsPerSec: perSecond(tips, wallMs),
    submitToLeadMs: latency(
      nums(rows.map((r) => (sentAt.has(r.key) ? Number(r.end) - sentAt.get(r.key)! : null))),
    ),
    receivedToLeadMs: latency(nums(rows.map((r) => r.ms))),
    receivedToTriagedMs: latency(nums(rows.map((r) => r.tri))),
    triagedToLeadMs: latency(nums(rows.map((r) => r.lead))),
  };
}

/** The client's send time of every accepted tip, by idempotency key. */
function sentTimes(load: LoadResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of load.sent) if (s.key && s.status === 202) out.set(s.key, s.at);
  return out;
}

export async function saturation(
  base: string,
  db: Client,
  bodies: string[],
  operators: string[],
  concurrency: number,
  tag = 'sat',
): Promise<{ http: HttpFigures; pipeline: PipelineFigures }> {
  const reqs = requestsFor(bodies, tag, operators);
  const load = await closedLoop(base, reqs, concurrency);
  const http = httpFigures(load);
  const pipeline = await pipelineFigures(
    db,
    tag,
    load.startedAt,
    120_000 + bodies.length * 50,
    sentTimes(load),
  );
  return { http, pipeline };
}

export async function offeredRate(
  base: string,
  db: Client,
  bodies: string[],
  operators: string[],
  rate: number,
): Promise<{ rate: number; http: HttpFigures; pipeline: PipelineFigures }> {
  const tag = `r${rate}`;
  const load = await openLoop(base, requestsFor(bodies, tag, operators), rate);
  const http = httpFigures(load);
  const pipeline = await pipelineFigures(
    db,
    tag,
    load.startedAt,
    120_000 + bodies.length * 50,
    sentTimes(load),
  );
  return { rate, http, pipeline };
}
