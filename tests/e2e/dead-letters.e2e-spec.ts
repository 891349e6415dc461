import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { CLI, ProcessStack, sleep, userWithRole, waitFor } from '@tools/stack';
import { newTip, testStack, TestStack } from '@app/testing';

const run = promisify(execFile);

/**
 * A person's way back for a job that ran out of attempts, on the real stack: triage fails a tip's
 * job on every attempt, the tip is dead-lettered and left where it is (the reconciler does not
 * drive it on); once the cause is gone, `cli redrive-dead-letters` sends it again and the tip
 * goes on to its lead.
 */
describe('dead letters: sent again by a person', () => {
  let stack: ProcessStack;
  let db: Client;
  let t: TestStack | undefined;

  beforeAll(async () => {
    t = await testStack('dead_letters_e2e', (s) => s.startAll(), {
      env: {
        RECONCILE_INTERVAL_MS: '500',
        STUCK_AFTER_MS: '1000',
        JOB_ATTEMPTS: '3',
        JOB_BACKOFF_MS: '50',
        // Triage throws on its first three jobs, then the cause is "mended".
        TIPTRACE_FAILPOINTS: 'triage.beforeHandle:throw*3',
      },
    });
    ({ stack, db } = t);
  });

  afterAll(() => t?.cleanup());

  const cli = (...args: string[]) =>
    run(process.execPath, [resolve(CLI), ...args], { env: stack.env(), timeout: 60_000 });

  it('leaves a dead-lettered tip for a person, who sends it on to its lead', async () => {
    const op = await userWithRole(stack.baseUrl, 'operator');
    const tip = await op.must<{ id: string }>(
      'POST',
      '/api/tips',
      newTip({
        ward: 'Phường 13',
        description: 'Xe máy biển 59X1-234.56 chở hàng cấm đậu trước số 12 Nguyễn Trãi mỗi tối',
      }),
      [202],
    );
    const jobId = `triage.${tip.body.id}`;
    await waitFor(async () => {
      const r = await db.query(`SELECT 1 FROM dead_letters WHERE job_id = $1`, [jobId]);
      return r.rowCount ? true : undefined;
    }, 30_000);

    // Several reconciler passes past the stuck time: the tip stays where it failed.
    await sleep(2_500);
    const stage = async () =>
      (await db.query<{ stage: string }>(`SELECT stage FROM tips WHERE id = $1`, [tip.body.id]))
        .rows[0].stage;
    expect(await stage()).toBe('received');

    const listed = await cli('dead-letters', '--queue=triage');
    const lines = listed.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({
        queue: 'triage',
        jobId,
        error: 'FailpointError: failpoint triage.beforeHandle fired',
        attempts: 3,
      }),
      { msg: 'dead letters', count: 1 },
    ]);
    // An operator's words never reach the listing: ids, error names and counts only.
    expect(listed.stdout).not.toContain('Nguyễn Trãi');

    const sent = await cli('redrive-dead-letters', jobId);
    expect(JSON.parse(sent.stdout.trim())).toEqual({
      msg: 'dead letters sent again',
      redriven: { triage: 1 },
      unreadable: [],
      busy: [],
      notFound: [],
    });

    // Triage runs it now, and linkage after it: the tip leaves the pipeline's waiting stages.
    await waitFor(
      async () => (['received', 'triaged'].includes(await stage()) ? undefined : true),
      30_000,
    );
    expect(await db.query(`SELECT 1 FROM dead_letters`)).toMatchObject({ rowCount: 0 });
    const audit = await db.query<{ actor: string; entity_type: string }>(
      `SELECT actor, entity_type FROM audit_log WHERE action = 'job.redriven' AND entity_id = $1`,
      [tip.body.id],
    );
    expect(audit.rows).toEqual([{ actor: 'cli', entity_type: 'tip' }]);
  });
});
