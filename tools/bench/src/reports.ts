/**
 * Report response times over large years: tips, cases and arrests are loaded server-side with
 * INSERT … SELECT generate_series (the same single-pass bulk load as COPY, without shipping rows
 * through Node), into a year of their own so the pipeline's tips do not mix in. The reporting
 * tables are then built by the product's own projector in the housekeeper, as they would be in use.
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
  /** VACUUM (ANALYZE) of the tables the reports read, before the timings. */
  vacuumMs: number;
  annualMs: Latency | null;
  /** The whole year, unfiltered. */
  funnelMs: Latency | null;
  /** Every query of funnelQueries(), by name. */
  funnels: Record<string, Latency | null>;
  annualStatus: number;
  funnelStatus: number;
}

/**
 * Adds report tips numbered [from, to) with their cases and arrests. Tips are spread over the
 * year and written in the order they were received, as intake writes them (a day's tips sit
 * together on disk, within each loaded chunk); every fifth is linked, ten to a case, within four weeks of the case's start and in one
 * or two wards (a case per 50 tips: 20,000 cases and 200,000 linked tips per million).
 */
async function load(db: Client, from: number, to: number, wards: string[]): Promise<void> {
  const start = `make_timestamptz(${REPORT_YEAR}, 1, 1, 0, 0, 0, 'UTC')`;
  // Seconds into the year: spread by a multiplicative hash, cases start 40 days before its end.
  const caseStart = (c: string) => `((${c})::bigint * 2654435761 % 28080000) * interval '1 second'`;
  for (let lo = from; lo < to; lo += LOAD_CHUNK) {
    const hi = Math.min(to, lo + LOAD_CHUNK);
    const caseLo = Math.floor(lo / 50);
    const caseHi = Math.floor(hi / 50);
    await db.query(
      `INSERT INTO cases (id, title, kind, category, severity, ward, occurred_at, status, resolution,
         resolved_at, created_by)
       SELECT md5('bench-case-' || c)::uuid, 'bench case ' || c,
         CASE WHEN c % 5 = 0 THEN 'administrative' ELSE 'criminal' END,
         ($3::text[])[1 + c % cardinality($3::text[])], ($4::text[])[1 + c % 4],
         ($5::text[])[1 + c % cardinality($5::text[])],
         ${start} + ${caseStart('c')},
         CASE WHEN c % 10 < 6 THEN 'resolved' ELSE 'open' END,
         CASE WHEN c % 10 < 6 THEN (CASE WHEN c % 10 = 5 THEN 'unfounded' ELSE 'solved' END) END,
         CASE WHEN c % 10 < 6 THEN make_timestamptz($6, 12, 31, 0, 0, 0, 'UTC') END, 'bench'
       FROM generate_series($1::int, $2::int - 1) c`,
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
       SELECT md5('bench-arrest-' || c || '-' || k)::uuid, md5('bench-case-' || c)::uuid,
         'person ' || c || '-' || k, 'charge', make_timestamptz($3, 12, 1, 0, 0, 0, 'UTC'), 'bench'
       FROM generate_series($1::int, $2::int - 1) c, generate_series(1, 1 + (c % 3 = 0)::int) k
       WHERE c % 10 < 5`,
      [caseLo, caseHi, REPORT_YEAR],
    );
    await db.query(
      `INSERT INTO tips (id, reference, stage, channel, category, ward, description, received_at,
         occurred_at, anonymous, has_contact, imported, external_ref, priority, created_at,
         triaged_at, lead_open_at, claimed_at, duplicate_of, rejected_reason, case_id, case_status,
         case_resolution, arrests)
       SELECT md5('bench-tip-' || g)::uuid, 'BENCH-R-' || g,
         CASE WHEN linked THEN 'linked' WHEN g % 25 = 1 THEN 'rejected'
              WHEN g % 25 = 2 THEN 'duplicate' ELSE 'lead_open' END,
         ($3::text[])[1 + (g + g / 5) % cardinality($3::text[])],
         ($4::text[])[1 + (CASE WHEN linked THEN c ELSE g END) % cardinality($4::text[])],
         ($5::text[])[1 + (CASE WHEN linked THEN c + (k % 4 = 3)::int ELSE g END) % cardinality($5::text[])],
         'bench report tip ' || g, at, at - interval '2 hours', g % 3 = 0, g % 3 <> 0, true,
         'bench-report-' || g, g % 100, at, at + (g % 97) * interval '1 second',
         at + (g % 97) * interval '1 second',
         CASE WHEN linked OR g % 7 = 0 THEN at + (g % 7200) * interval '1 second' END,
         CASE WHEN g % 25 = 2 THEN md5('bench-tip-' || (g - 1))::uuid END,
         CASE WHEN g % 25 = 1 THEN 'spam' END,
         CASE WHEN linked THEN md5('bench-case-' || c)::uuid END,
         CASE WHEN linked THEN (CASE WHEN c % 10 < 6 THEN 'resolved' ELSE 'open' END) END,
         CASE WHEN linked AND c % 10 < 6 THEN (CASE WHEN c % 10 = 5 THEN 'unfounded' ELSE 'solved' END) END,
         CASE WHEN linked AND c % 10 < 5 THEN 1 + (c % 3 = 0)::int ELSE 0 END
       FROM generate_series($1::int, $2::int - 1) g,
       LATERAL (SELECT g % 5 = 0 AS linked, g / 50 AS c, (g % 50) / 5 AS k) l,
       LATERAL (SELECT ${start} + CASE WHEN linked
           THEN ${caseStart('c')} + (k * k * 8 * 3600 + g % 3600) * interval '1 second'
           ELSE (g::bigint * 2654435761 % 31536000) * interval '1 second' END AS at) t
       ORDER BY t.at`,
      [lo, hi, [...CHANNELS], [...CATEGORIES], wards],
    );
  }
  await db.query('ANALYZE tips');
  await db.query('ANALYZE cases');
  await db.query('ANALYZE arrests');
}

/**
 * The largest of `sizes` whose report tips are all in the database already (0: none). Refuses a
 * database that holds report tips past it: their timings would be labelled with the wrong size,
 * or loading the rest would collide with them.
 */
export async function loadedReportTips(db: Client, sizes: number[]): Promise<number> {
  const has = async (n: number) =>
    (
      await db.query<{ ok: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM tips WHERE id = md5('bench-tip-' || $1::int)::uuid) AS ok`,
        [n],
      )
    ).rows[0].ok;
  let loaded = 0;
  for (const size of sizes) if (await has(size - 1)) loaded = size;
  if (await has(loaded))
    throw new Error(
      `the bench database holds more report tips than ${loaded}, which --report-sizes does not name; run without --reuse to load afresh`,
    );
  return loaded;
}

/** The tables the reports read (see the README's "Reports at 1 M and more tips"). */
const REPORTING_TABLES = [
  'tips',
  'funnel_tip_facts',
  'funnel_rollup',
  'funnel_rollup_month',
  'funnel_case_keys',
  'funnel_case_firsts',
  'case_facts',
  'case_rollup',
];

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

/** The funnel queries timed at each size: every filter the route takes, and cut days. */
export function funnelQueries(wards: string[]): Record<string, string> {
  const y = REPORT_YEAR;
  const ward = encodeURIComponent(wards[0]);
  const year = `from=${y}-01-01T00:00:00Z&to=${y + 1}-01-01T00:00:00Z`;
  return {
    year,
    ward: `${year}&ward=${ward}`,
    wardCategory: `${year}&ward=${ward}&category=${CATEGORIES[0]}`,
    channel: `${year}&channel=${CHANNELS[1]}`,
    month: `from=${y}-03-01T00:00:00Z&to=${y}-04-01T00:00:00Z`,
    cutDays: `from=${y}-03-10T12:00:00Z&to=${y}-06-20T08:30:00Z`,
    unbounded: '',
  };
}

export async function runReports(
  base: string,
  db: Client,
  /** A bearer, or a way to log in afresh per size (tokens last 15 minutes, a 5 M load longer). */
  supervisor: string | (() => Promise<string>),
  sizes: number[],
  wards: string[],
  log: (line: string) => void = () => undefined,
  /** Report tips already in the database (--reuse): loaded again only past this count. */
  already = 0,
): Promise<ReportTiming[]> {
  const out: ReportTiming[] = [];
  let loaded = already;
  for (const size of sizes) {
    const t = Date.now();
    if (size > loaded) {
      await load(db, loaded, size, wards);
      loaded = size;
    }
    const loadMs = Date.now() - t;
    log(`reports: ${size} tips loaded in ${round(loadMs / 1000, 0)} s`);
    const projectMs = await projected(db, 60_000 + size / 2);
    log(
      `reports: projected ${projectMs === null ? 'TIMED OUT' : `in ${round(projectMs / 1000, 0)} s`}`,
    );
    // A year loaded and projected in minutes leaves the reporting tables with millions of dead
    // row versions and no visibility map, which autovacuum catches up with later: the answers
    // of a system that has run for a while are measured, so vacuum first (timed and reported).
    const tv = Date.now();
    for (const table of REPORTING_TABLES) await db.query(`VACUUM (ANALYZE) ${table}`);
    const vacuumMs = Date.now() - tv;
    log(`reports: vacuumed in ${round(vacuumMs / 1000, 0)} s`);
    const auth = typeof supervisor === 'string' ? supervisor : await supervisor();
    const [annualStatus, annualMs] = await time(
      base,
      `/api/reports/annual?year=${REPORT_YEAR}`,
      auth,
    );
    const funnels: Record<string, Latency | null> = {};
    let funnelStatus = 200;
    for (const [name, query] of Object.entries(funnelQueries(wards))) {
      const [status, ms] = await time(base, `/api/reports/funnel?${query}`, auth);
      if (status !== 200) funnelStatus = status;
      funnels[name] = ms;
      log(`reports: funnel ${name} p50 ${ms?.p50 ?? status} ms`);
    }
    out.push({
      tips: size,
      loadMs: round(loadMs, 0),
      projectMs,
      vacuumMs,
      annualMs,
      funnelMs: funnels.year,
      funnels,
      annualStatus,
      funnelStatus,
    });
  }
  return out;
}
