import { resolve } from 'node:path';
import { loadReference } from '@app/config';
import { prepareDatabase } from '@app/database';
import { newTestEnv, TestEnv } from '@app/testing';
import { checkEvalSet, loadEvalSet } from '@tools/eval';
import { formatTriageEval, runTriageEval, scoreTriageEval, TriageEvalFigures } from '@tools/eval';

/**
 * The hand-labelled evaluation set (tests/fixtures/triage-eval, written apart from the scenario
 * generator) through the worker's own triage on real PostgreSQL, held to the figures reached
 * (docs/triage-eval.md). A floor that drops means a rule got worse on text it was not built from.
 */
describe('triage on the hand-labelled evaluation set', () => {
  let env: TestEnv;
  let f: TriageEvalFigures;

  beforeAll(async () => {
    env = newTestEnv('triage_eval');
    await prepareDatabase(env.databaseUrl);
    const items = loadEvalSet(resolve(__dirname, '../fixtures/triage-eval'));
    expect(checkEvalSet(items, loadReference().wards, 48)).toEqual([]);
    const run = await runTriageEval(env.databaseUrl, items);
    f = scoreTriageEval(items, run.outcomes);
    console.log(formatTriageEval(f, run).join('\n'));
  }, 300_000);

  afterAll(async () => {
    await env?.cleanup();
  });

  it('flags every report of an immediate threat to life as urgent, and holds none back', () => {
    expect(f.urgent.measured).toBe(true);
    expect(f.urgent.missed).toEqual([]);
    expect(f.urgent.heldBack).toEqual([]);
  });

  it('rejects no real report without a person', () => {
    expect(f.rejection.realRejected).toEqual([]);
  });

  it('groups reports of one incident with the precision and recall reached', () => {
    // Reached: 96.7 % (58/60) and 84.1 % (58/69).
    expect(f.duplicates.precision).toBeGreaterThanOrEqual(0.95);
    expect(f.duplicates.recall).toBeGreaterThanOrEqual(0.82);
  });
});
