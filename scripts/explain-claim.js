#!/usr/bin/env node
// EXPLAIN (ANALYZE, BUFFERS) of the claim statements (the index-served queue read and the full
// sort it falls back to) against a database's leads, each rolled back; 7 runs each, p50 printed.
//   npm run build && node scripts/explain-claim.js postgres://postgres@127.0.0.1:5432/tiptrace_bench [plan]
const { Client } = require('pg');
const { CLAIM_SQL } = require('../dist/libs/leads/src/claim-lead.service.js');

async function main() {
  const url = process.argv[2] || process.env.DATABASE_URL;
  if (!url) throw new Error('usage: node scripts/explain-claim.js <database url> [plan]');
  const c = new Client({ connectionString: url });
  await c.connect();
  const params = [null, null, 'explain', 50, 2, 900];
  const statements = [
    ['queue read', CLAIM_SQL.fromQueue, [...params, CLAIM_SQL.queueDepth]],
    ['full sort', CLAIM_SQL.fullSort, params],
  ];
  try {
    for (const [name, sql, values] of statements) {
      const times = [];
      let plan = '';
      for (let i = 0; i < 7; i++) {
        await c.query('BEGIN');
        const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values);
        await c.query('ROLLBACK');
        plan = r.rows.map((x) => x['QUERY PLAN']).join('\n');
        times.push(Number(/Execution Time: ([\d.]+)/.exec(plan)[1]));
      }
      times.sort((a, b) => a - b);
      if (process.argv[3] === 'plan') console.log(plan);
      console.log(`${name}: execution p50 ${times[3]} ms (min ${times[0]}, max ${times[6]})`);
    }
  } finally {
    await c.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
