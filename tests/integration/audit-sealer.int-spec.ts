import { DataSource } from 'typeorm';
import { AuditQueryService, AuditSealer } from '@app/audit';
import { testDatabase, TestDatabase } from '@app/testing';

/**
 * The sealer chains entries in the order it finds them. An entry whose transaction commits after
 * entries with higher ids were sealed (ids are taken at insert) is found by a later pass: the
 * next one when it is recent, the minute's look-back pass when it is far behind. Real
 * PostgreSQL, real concurrent transactions.
 */
describe('audit sealer: entries that commit late', () => {
  let env: TestDatabase;
  let ds: DataSource;
  let sealer: AuditSealer;
  let audit: AuditQueryService;

  const entries = (n: number, action = 'test.entry') =>
    ds.query(
      `INSERT INTO audit_log (at, actor, role, action, entity_type, entity_id, outcome)
       SELECT now(), 'tester', 'supervisor', $2, 'test', g::text, 'ok' FROM generate_series(1, $1) g`,
      [n, action],
    );

  const unsealed = async () => (await audit.verify()).unsealed;

  /** An entry inserted (its id taken) by a transaction left open. */
  const uncommittedEntry = async () => {
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(
      `INSERT INTO audit_log (at, actor, role, action, entity_type, entity_id, outcome)
       VALUES (now(), 'tester', 'supervisor', 'test.late', 'test', 'late', 'ok')`,
    );
    return runner;
  };

  beforeAll(async () => {
    env = await testDatabase('audit_sealer', 4);
    ds = env.ds;
    sealer = new AuditSealer(ds);
    audit = new AuditQueryService(ds);
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('seals a late commit on the next pass, and one far behind on the look-back pass', async () => {
    await entries(10);
    await sealer.sealOnce(); // the first pass looks back the whole window
    expect(await unsealed()).toBe(0);

    // A transaction takes its id, then entries after it are written and sealed before it commits.
    const late = await uncommittedEntry();
    await entries(50);
    expect(await sealer.sealOnce()).toBe(50);
    await late.commitTransaction();
    expect(await unsealed()).toBe(1);
    expect(await sealer.sealOnce()).toBe(1);
    expect(await unsealed()).toBe(0);

    // Far behind: more than a pass's look-back of ids sealed in the meantime.
    const slow = await uncommittedEntry();
    await entries(3_000);
    expect(await sealer.sealOnce()).toBe(3_000);
    await slow.commitTransaction();
    await late.release();
    await slow.release();
    expect(await sealer.sealOnce()).toBe(0);
    expect(await unsealed()).toBe(1);
    // The minute's look-back pass finds it.
    expect(await sealer.sealOnce({ lookback: true })).toBe(1);
    const check = await audit.verify();
    expect(check).toMatchObject({ valid: true, unsealed: 0, entries: 10 + 50 + 1 + 3_000 + 1 });
  });
});
