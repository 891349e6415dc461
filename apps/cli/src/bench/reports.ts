/**
 * Report response times over large years: tips, cases and arrests are loaded server-side with
 * INSERT … SELECT generate_series (the same single-pass bulk load as COPY, without shipping rows
 * through Node), into a year of their own so the pipeline's tips do not mix in.
 */
import { Client } from 'pg';
import { CATEGORIES, CHANNELS } from '@app/contracts';
import { latency, Latency, round, sleep } from './stats';

export const REPORT_YEAR = 2021;
const LOAD_CHUNK = 1_000_000;
const RUNS = 5;

export interface ReportTiming {
  tips: number;
  loadMs: number;
  /** From the end of the load until the FunnelProjector's watermark passed it (null: timed out). */
  projectMs: number | null;
  annualMs: Latency | null;
  funnelMs: Latency | null;
  annualStatus: number;
  funnelStatus: number;
}

/** Adds report tips numbered [from, to) with their cases (1 per 10 tips) and arrests. */
async function load(db: Client, from: number, to: number, wards: string[]): Promise<void> {
  for (let lo = from; lo < to; lo += LOAD_CHUNK) {
    const hi = Math.min(to, lo + LOAD_CHUNK);
    const caseLo = Math.floor(lo / 10);
    const caseHi = Math.floor(hi / 10);
    await db.query(
      `INSERT INTO cases (id, title, kind, category, severity, ward, occurred_at, status, resolution,
         resolved_at, created_by)
       SELECT md5('bench-case-' || g)::uuid, 'bench case ' || g,
         CASE WHEN g % 5 = 0 THEN 'administrative' ELSE 'criminal' END,
         ($3::text[])[1 + g % cardinality($3::text[])], ($4::text[])[1 + g % 4],
         ($5::text[])[1 + g % cardinality($5::text[])],
         make_timestamptz($6, 1, 1, 0, 0, 0, 'UTC') + (g % 364) * interval '1 day',
         CASE WHEN g % 10 < 6 THEN 'resolved' ELSE 'open' END,
         CASE WHEN g % 10 < 6 THEN (CASE WHEN g % 10 = 5 THEN 'unfounded' ELSE 'solved' END) END,
         CASE WHEN g % 10 < 6 THEN make_timestamptz($6, 12, 31, 0, 0, 0, 'UTC') END, 'bench'
       FROM generate_series($1::int, $2::int - 1) g`,
      [
        caseLo,
        caseHi,
        [...CATEGORIES],
        ['less_serious', 'serious', 'very_serious', 'especially_serious'],
        wards,
        REPORT_YEAR,
      ],
    );
    await db.query(
      `INSERT INTO arrests (id, case_id, person_name, charge, arrested_at, recorded_by)
       SELECT md5('bench-arrest-' || g || '-' || k)::uuid, md5('bench-case-' || g)::uuid,
         'person ' || g || '-' || k, 'charge', make_timestamptz($3, 12, 1, 0, 0, 0, 'UTC'), 'bench'
       FROM generate_series($1::int, $2::int - 1) g, generate_series(1, 1 + (g % 3 = 0)::int) k
       WHERE g % 10 < 5`,
      [caseLo, caseHi, REPORT_YEAR],
    );
    await db.query(
      `INSERT INTO tips (id, reference, stage, channel, category, ward, description, received_at,
         occurred_at, anonymous, has_contact, imported, external_ref, priority, triaged_at,
         lead_open_at, case_id, case_status, case_resolution)
       SELECT md5('bench-tip-' || g)::uuid, 'BENCH-R-' || g,
         CASE WHEN g % 12 = 0 THEN 'linked' WHEN g % 25 = 1 THEN 'rejected' ELSE 'lead_open' END,
         ($3::text[])[1 + g % cardinality($3::text[])], ($4::text[])[1 + g % cardinality($4::text[])],
         ($5::text[])[1 + g % cardinality($5::text[])], 'bench report tip ' || g,
         make_timestamptz($6, 1, 1, 0, 0, 0, 'UTC') + (g % 31536000) * interval '1 second',
         make_timestamptz($6, 1, 1, 0, 0, 0, 'UTC') + (g % 31536000) * interval '1 second' - interval '2 hours',
         g % 3 = 0, g % 3 <> 0, true, 'bench-report-' || g, g % 100,
         make_timestamptz($6, 1, 1, 0, 0, 0, 'UTC') + (g % 31536000) * interval '1 second',
         make_timestamptz($6, 1, 1, 0, 0, 0, 'UTC') + (g % 31536000) * interval '1 second',
         CASE WHEN g % 12 = 0 THEN md5('bench-case-' || (g / 10))::uuid END,
         CASE WHEN g % 12 = 0 THEN (CASE WHEN (g / 10) % 10 < 6 THEN 'resolved' ELSE 'open' END) END,
         CASE WHEN g % 12 = 0 AND (g / 10) % 10 < 6 THEN (CASE WHEN (g / 10) % 10 = 5 THEN 'unfounded' ELSE 'solved' END) END
       FROM generate_series($1::int, $2::int - 1) g`,
      [lo, hi, [...CHANNELS], [...CATEGORIES], wards, REPORT_YEAR],
    );
  }
  await db.query('ANALYZE tips');
  await db.query('ANALYZE cases');
  await db.query('ANALYZE arrests');
}

/** Waits for the product's FunnelProjector to pass the moment the load committed. */
async function projected(db: Client, timeoutMs: number): Promise<number | null> {
  const [{ at }] = (await db.query<{ at: Date }>(`SELECT clock_timestamp() AS at`)).rows;
  const t = Date.now();
  for (let i = 0; Date.now() - t < timeoutMs && i < 1_000_000; i++) {
    const { rows } = await db.query<{ ok: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM report_watermarks WHERE name = 'funnel' AND at > $1) AS ok`,
      [at],
    );
    if (rows[0].ok) return Date.now() - t;
    await sleep(250);
  }
  return null;
}

async function time(
  base: string,
  path: string,
  authorization: string,
): Promise<[number, Latency | null]> {
  const ms: number[] = [];
  let status = 0;
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { authorization } });
    await res.arrayBuffer();
    status = res.status;
    if (status !== 200) return [status, null];
    if (i > 0) ms.push(performance.now() - t); // the first run warms caches and plans
  }
  return [status, latency(ms)];
}

export async function runReports(
  base: string,
  db: Client,
  supervisor: string,
  sizes: number[],
  wards: string[],
): Promise<ReportTiming[]> {
  const out: ReportTiming[] = [];
  let loaded = 0;
  for (const size of sizes) {
    const t = Date.now();
    await load(db, loaded, size, wards);
    loaded = size;
    const loadMs = Date.now() - t;
    const projectMs = await projected(db, 60_000 + size / 2);
    const [annualStatus, annualMs] = await time(
      base,
      `/api/reports/annual?year=${REPORT_YEAR}`,
      supervisor,
    );
    const [funnelStatus, funnelMs] = await time(
      base,
      `/api/reports/funnel?from=${REPORT_YEAR}-01-01T00:00:00Z&to=${REPORT_YEAR + 1}-01-01T00:00:00Z`,
      supervisor,
    );
    out.push({
      tips: size,
      loadMs: round(loadMs, 0),
      projectMs,
      annualMs,
      funnelMs,
      annualStatus,
      funnelStatus,
    });
  }
  return out;
}
