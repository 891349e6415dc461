#!/usr/bin/env node
// The cost of a `tips` row through the pipeline, alone: on a private PostgreSQL cluster
// (full_page_writes and fsync on), N tips are inserted, triaged and given a lead in batches of 32
// with the statements' shapes (a multi-row INSERT, then two stage UPDATEs), and the script prints
// the WAL bytes per tip (split by relation with pg_waldump), the updates and the HOT updates.
// Where the schema has tip_search, the duplicate search's row triage writes is inserted too.
//   npm run build && node scripts/tips-wal.js [N]
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const { Client } = require('pg');
const { PrivatePostgres } = require('../dist/tools/stack/src/index.js');

const N = Number(process.argv[2] || 3200);
const WORDS = (
  'red car parked near the bakery on main street every night since monday driver looks ' +
  'nervous phone number plate seen'
).split(' ');

async function lifecycle(db, n, seq, searchRows) {
  for (let i = 0; i < n; i += 32) {
    const tuples = [];
    const params = [];
    for (let k = 0; k < 32; k++) {
      seq += 1;
      const text = Array.from({ length: 40 }, (_, j) => WORDS[(seq * 7 + j * 13) % WORDS.length]);
      params.push(`T-${seq}`, `ward-${seq % 13}`, text.join(' '), `sim-${seq}`);
      const b = params.length - 4;
      tuples.push(
        `(gen_random_uuid(), $${b + 1}, 'received', 'web', 'theft', $${b + 2}, $${b + 3},
          $${b + 3}, now(), true, false, $${b + 4})`,
      );
    }
    const { rows } = await db.query(
      `INSERT INTO tips (id, reference, stage, channel, category, ward, description,
         description_norm, received_at, anonymous, has_contact, idempotency_key)
       VALUES ${tuples.join(',')} RETURNING id`,
      params,
    );
    const ids = rows.map((r) => r.id);
    await db.query(
      `UPDATE tips t SET stage = 'triaged', stage_changed_at = now(), triaged_at = now(),
         priority = 3, triage_reasons = '[{"rule":"keyword","points":2},{"rule":"ward","points":1}]',
         entities = '{"phones":[],"plates":["AB-123-C"],"addresses":["main street"]}'
       WHERE t.id = ANY($1::uuid[]) AND t.stage = 'received'`,
      [ids],
    );
    if (searchRows) {
      // What triage writes for the duplicate search of the tips it passed (tip_search).
      await db.query(
        `INSERT INTO tip_search (tip_id, ward, received_at, trgm, streets)
         SELECT id, ward, received_at, tt_trgm(description_norm), '{main street}'
         FROM tips WHERE id = ANY($1::uuid[])`,
        [ids],
      );
    }
    await db.query(
      `UPDATE tips t SET stage = 'lead_open', stage_changed_at = now(), lead_open_at = now(),
         lead_id = gen_random_uuid(), decision_due_at = received_at + interval '20 days'
       WHERE t.id = ANY($1::uuid[]) AND t.stage = 'triaged'`,
      [ids],
    );
  }
  return seq;
}

async function main() {
  const pg = await PrivatePostgres.start();
  try {
    const admin = new Client({ connectionString: pg.database('postgres') });
    await admin.connect();
    await admin.query(`ALTER SYSTEM SET full_page_writes = on`);
    await admin.query(`ALTER SYSTEM SET fsync = on`);
    await admin.query(`SELECT pg_reload_conf()`);
    await admin.query(`CREATE DATABASE walsim`);
    await admin.end();
    const url = pg.database('walsim');
    execFileSync(process.execPath, [join(__dirname, '../dist/apps/cli/src/main.js'), 'migrate'], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: 'ignore',
    });
    const db = new Client({ connectionString: url });
    await db.connect();
    // This backend's counters reach pg_stat_user_tables at its next flush: force one.
    const state = () =>
      db
        .query(`SELECT pg_stat_force_next_flush()`)
        .then(() => db.query(`SELECT 1`))
        .then(() =>
          db.query(
            `SELECT pg_current_wal_lsn() AS lsn, n_tup_upd AS upd, n_tup_hot_upd AS hot
           FROM pg_stat_user_tables WHERE relname = 'tips'`,
          ),
        )
        .then((r) => r.rows[0]);
    const {
      rows: [{ search }],
    } = await db.query(`SELECT to_regclass('tip_search') IS NOT NULL AS search`);
    let seq = 0;
    for (const [label, checkpoint] of [
      ['after a checkpoint', true],
      ['the next N, no checkpoint', false],
    ]) {
      if (checkpoint) await db.query('CHECKPOINT');
      const a = await state();
      seq = await lifecycle(db, N, seq, search);
      const b = await state();
      const dump = execFileSync(
        join(pg.bin, 'pg_waldump'),
        ['-p', join(pg.dir, 'data', 'pg_wal'), '-s', a.lsn, '-e', b.lsn],
        { maxBuffer: 1 << 30 },
      ).toString();
      const byRel = new Map();
      for (const line of dump.split('\n')) {
        const len = /len \(rec\/tot\):\s*\d+\/\s*(\d+)/.exec(line);
        const rel = /rel \d+\/\d+\/(\d+)/.exec(line);
        if (len && rel) byRel.set(rel[1], (byRel.get(rel[1]) ?? 0) + Number(len[1]));
      }
      const { rows: rels } = await db.query(
        `SELECT relfilenode::text AS f, relname FROM pg_class WHERE relfilenode <> 0`,
      );
      const names = new Map(rels.map((r) => [r.f, r.relname]));
      const { rows: diff } = await db.query(`SELECT pg_wal_lsn_diff($1, $2)::bigint AS bytes`, [
        b.lsn,
        a.lsn,
      ]);
      console.log(
        `${N} tips, ${label}: WAL ${Math.round(Number(diff[0].bytes) / N)} B/tip; ` +
          `updates ${b.upd - a.upd}, HOT ${b.hot - a.hot}`,
      );
      const top = [...byRel]
        .filter(([f]) => /^(tip|PK_b63a|UQ_|PK_tip_search)/.test(names.get(f) ?? ''))
        .sort((x, y) => y[1] - x[1])
        .map(([f, bytes]) => `${names.get(f)} ${Math.round(bytes / N)}`);
      console.log(`  B/tip by relation: ${top.join(', ')}`);
    }
    const { rows } = await db.query(
      `SELECT pg_size_pretty(pg_relation_size('tips')) AS heap,
              pg_size_pretty(pg_indexes_size('tips')) AS indexes`,
    );
    console.log(`  tips: heap ${rows[0].heap}, indexes ${rows[0].indexes}`);
    await db.end();
  } finally {
    await pg.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
