/**
 * `--million`: N tips (default 1,000,000) through `POST /api/tips/import`, as many a request as
 * the 64 KB body limit takes (the route takes up to 1,000), as a
 * district's register would be entered, timed from the first request to the last lead opened
 * (or tip triage rejected or held): measured, not extrapolated.
 */
import { Client } from 'pg';
import { postJson } from './load';
import { tipBodies } from './pipeline';
import { perSecond, round, sleep } from './stats';

const BATCH = 1000;
/** The API's body limit (413 above it), less room for the envelope. */
const BODY_BYTES = 64 * 1024 - 64;

/** The import bodies for `tips`: each `{"tips":[…]}` as many tips as fit under the body limit. */
export function underLimit(tips: unknown[]): string[] {
  const bodies: string[] = [];
  let part: string[] = [];
  let bytes = 0;
  for (const t of tips) {
    const json = JSON.stringify(t);
    const size = Buffer.byteLength(json) + 1;
    if (part.length > 0 && bytes + size + 12 > BODY_BYTES) {
      bodies.push(`{"tips":[${part.join(',')}]}`);
      part = [];
      bytes = 0;
    }
    part.push(json);
    bytes += size;
  }
  if (part.length > 0) bodies.push(`{"tips":[${part.join(',')}]}`);
  return bodies;
}
const END = `COALESCE(lead_open_at, CASE WHEN stage IN ('rejected', 'needs_review') THEN triaged_at END)`;

export interface MillionFigures {
  tips: number;
  requests: number;
  errors: Record<string, number>;
  /** First request sent → last import answered. */
  intakeS: number;
  /** First request sent → the last tip out of received/triaged (its lead opened, or decided). */
  toLeadsS: number;
  tipsPerSec: number;
  stages: Record<string, number>;
}

export async function runMillion(opts: {
  base: string;
  db: Client;
  supervisors: string[];
  tips: number;
  wards: string[];
  step: (text: string) => void;
}): Promise<MillionFigures> {
  const tag = `bench-m-${Date.now().toString(36)}`;
  const batches = opts.tips / BATCH;
  const spanMs = 365 * 24 * 3_600_000;
  const now = Date.now();
  const errors: Record<string, number> = {};
  let next = 0;
  let done = 0;
  let requests = 0;
  const startedAt = Date.now();
  await Promise.all(
    opts.supervisors.map(async (authorization) => {
      while (next < batches) {
        const b = next++;
        // Each batch its own scenario seed: realistic texts, not one batch repeated.
        const bodies = tipBodies(BATCH, opts.wards, 50_000 + b * 3);
        const tips = bodies.map((body, j) => {
          const i = b * BATCH + j;
          const t = JSON.parse(body) as Record<string, unknown>;
          return {
            ...t,
            occurredAt: undefined,
            receivedAt: new Date(now - spanMs + (i * spanMs) / opts.tips).toISOString(),
            externalRef: `${tag}-${i}`,
          };
        });
        // Up to 1,000 tips a request, but no body over the API's 64 KB: as many tips as fit.
        for (const part of underLimit(tips)) {
          // A request cut off or refused for load is sent again: the route skips an externalRef
          // it has seen, so nothing is imported twice.
          for (let attempt = 1; ; attempt++) {
            requests++;
            const res = await postJson(opts.base, '/api/tips/import', part, { authorization });
            if (res.status === 202) break;
            errors[res.status] = (errors[res.status] ?? 0) + 1;
            if (attempt === 5 || (res.status !== 0 && res.status < 500)) break;
            await sleep(1000 * attempt);
          }
        }
        if (++done % 50 === 0) opts.step(`  imported ${done * BATCH} tips`);
      }
    }),
  );
  const intakeS = (Date.now() - startedAt) / 1000;
  opts.step(`import answered in ${round(intakeS, 1)} s; waiting for the leads`);
  const where = `external_ref LIKE '${tag}-%'`;
  for (;;) {
    // Whether any still waits, not how many: the first found ends the read (a count visited every
    // waiting tip's page, 488 ms a poll and 196 s of the database's time over a run), and once
    // few wait, tips_waiting_idx holds only them.
    const { rows } = await opts.db.query<{ waiting: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM tips WHERE stage IN ('received', 'triaged') AND ${where})
         AS waiting`,
    );
    if (!rows[0].waiting) break;
    // Not more often: each read is taken from the stack measured. The figure is read from the
    // tips' own times, not from when this loop saw them.
    await sleep(10_000);
  }
  const stages: Record<string, number> = {};
  for (const r of (
    await opts.db.query<{ stage: string; n: number }>(
      `SELECT stage, count(*)::int AS n FROM tips WHERE ${where} GROUP BY stage ORDER BY stage`,
    )
  ).rows)
    stages[r.stage] = r.n;
  const [{ at }] = (
    await opts.db.query<{ at: Date | null }>(`SELECT max(${END}) AS at FROM tips WHERE ${where}`)
  ).rows;
  const toLeadsMs = (at ? at.getTime() : Date.now()) - startedAt;
  const tips = Object.values(stages).reduce((a, b) => a + b, 0);
  if (tips === 0) throw new Error(`no tip was imported (answers: ${JSON.stringify(errors)})`);
  return {
    tips,
    requests,
    errors,
    intakeS: round(intakeS, 1),
    toLeadsS: round(toLeadsMs / 1000, 1),
    tipsPerSec: perSecond(tips, toLeadsMs),
    stages,
  };
}
