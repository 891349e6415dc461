#!/usr/bin/env node
// EXPLAIN (ANALYZE, BUFFERS) of the claim statement (LeadsRepository.claim: the head of
// leads_claim_queue_idx, the unranked leads, the take, the tips' move and their events) against a
// database's leads, each run rolled back; 7 runs, p50 printed. CLAIMERS=n: the statement of n
// claims taken together (default 1).
//   npm run build && node scripts/explain-claim.js postgres://postgres@127.0.0.1:5432/tiptrace_bench [plan]
const { Client } = require('pg');
const { LeadsRepository } = require('../dist/libs/leads/src/leads.repository.js');
const { TipsRepository } = require('../dist/libs/tips/src/tips.repository.js');
const { AuditWriter } = require('../dist/libs/audit/src/audit.writer.js');

/** The statement and parameters a claim sends, captured from the repository itself. */
async function claimStatement() {
  let captured = null;
  const capture = {
    query: async (sql, params) => {
      captured = { sql, params };
      return [{ id: null, unranked: 0 }];
    },
  };
  const repo = new LeadsRepository(null, new TipsRepository(null, new AuditWriter(null)));
  await repo.claim(capture, {
    wards: null,
    categories: null,
    claimers: Array.from({ length: Number(process.env.CLAIMERS) || 1 }, (_, i) => ({
      id: `explain-${i}`,
      username: `explain-${i}`,
      role: 'investigator',
    })),
    leaseExpiresAt: new Date(Date.now() + 900_000),
    age: { points: 2, cap: 50 },
  });
  return captured;
}

async function main() {
  const url = process.argv[2] || process.env.DATABASE_URL;
  if (!url) throw new Error('usage: node scripts/explain-claim.js <database url> [plan]');
  const { sql, params } = await claimStatement();
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const times = [];
    let plan = '';
    for (let i = 0; i < 7; i++) {
      await c.query('BEGIN');
      const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      await c.query('ROLLBACK');
      plan = r.rows.map((x) => x['QUERY PLAN']).join('\n');
      times.push(Number(/Execution Time: ([\d.]+)/.exec(plan)[1]));
    }
    times.sort((a, b) => a - b);
    if (process.argv[3] === 'plan') console.log(plan);
    console.log(`claim: p50 ${times[3]} ms (min ${times[0]}, max ${times[6]})`);
  } finally {
    await c.end();
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
