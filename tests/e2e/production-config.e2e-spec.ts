import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { ApiClient, AppName, ProcessStack, RunningProcess, waitFor } from '@tools/stack';
import { newTestEnv, newTip, TestEnv } from '@app/testing';

interface Tip {
  stage: string;
  leadId: string | null;
  outcome: { caseStatus: string | null; resolution: string | null; arrests: number };
}

/** What only the API is given in production. */
const API_SECRETS = {
  JWT_SECRET: 'a-production-secret-of-some-length',
  TIPSTER_KEY: randomBytes(32).toString('base64'),
  ADMIN_USERNAME: 'chief',
  ADMIN_PASSWORD: 'a-long-admin-password',
};
/** The same variables removed from a worker's environment (undefined unsets one). */
const NO_API_SECRETS = {
  JWT_SECRET: undefined,
  TIPSTER_KEY: undefined,
  TIPSTER_KEY_ID: undefined,
  TIPSTER_OLD_KEYS: undefined,
  ADMIN_USERNAME: undefined,
  ADMIN_PASSWORD: undefined,
};
const WORKERS: AppName[] = [
  'triage-worker',
  'linkage-worker',
  'outcome-worker',
  'dispatcher',
  'housekeeper',
];

const lines = (p: RunningProcess) => p.output.join('').trim().split('\n');

/**
 * Configuration per process, in production (NODE_ENV=production): the API refuses to start
 * without its secrets, the workers, dispatcher and housekeeper are given none of them and carry a tip from
 * intake to a resolved case.
 */
describe('production: each process needs only its own configuration', () => {
  let env: TestEnv;
  let stack: ProcessStack;

  beforeAll(async () => {
    env = newTestEnv('production_config');
    stack = await ProcessStack.create({
      ...env,
      env: { NODE_ENV: 'production', JOB_BACKOFF_MS: '100' },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await env?.cleanup();
  });

  it.each([
    ['JWT_SECRET', 'JWT_SECRET must be set in production'],
    ['ADMIN_PASSWORD', 'ADMIN_PASSWORD must be set in production'],
    ['ADMIN_USERNAME', 'ADMIN_USERNAME must be set to a name other than the default in production'],
    ['TIPSTER_KEY', 'TIPSTER_KEY must be set in production'],
  ])('refuses to start the API without %s, in one line', async (name, message) => {
    await expect(stack.start('api', { ...API_SECRETS, [name]: undefined })).rejects.toThrow(
      message,
    );
    const refused = stack.processes[stack.processes.length - 1];
    expect(refused.app).toBe('api');
    expect(lines(refused).map((l) => JSON.parse(l) as unknown)).toEqual([
      { app: 'api', msg: 'failed to start', error: message },
    ]);
  });

  it('runs the workers, dispatcher and housekeeper with no JWT secret, admin or tipster key', async () => {
    await stack.start('api', API_SECRETS);
    for (const app of WORKERS) await stack.start(app, NO_API_SECRETS);

    const admin = await ApiClient.login(stack.baseUrl, 'chief', API_SECRETS.ADMIN_PASSWORD);
    // In production an admin turns on two-factor login before anything else.
    expect((await admin.call('GET', '/api/users')).status).toBe(403);
    const { secret } = (await admin.must<{ secret: string }>('POST', '/api/users/me/mfa')).body;
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    await admin.must('POST', '/api/users/me/mfa/confirm', { code }, [204]);
    const user = async (role: 'operator' | 'investigator') => {
      const name = `${role}-${randomBytes(3).toString('hex')}`;
      const password = 'test-password-123';
      await admin.must('POST', '/api/users', { username: name, password, role }, [201]);
      return ApiClient.login(stack.baseUrl, name, password);
    };
    const operator = await user('operator');
    const investigator = await user('investigator');

    // Intake (API) → dispatcher → triage → dispatcher → linkage: a lead opens.
    const tipId = (
      await operator.must<{ id: string }>(
        'POST',
        '/api/tips',
        newTip({
          category: 'weapons',
          channel: 'patrol',
          ward: 'Phường 4',
          description:
            'Tổ Nhân dân tuần tra phát hiện một nhóm thanh niên cất giấu mã tấu và một khẩu súng tự chế trong căn nhà số 18 Đoàn Văn Bơ, tối nay họ hẹn đánh nhau.',
        }),
      )
    ).body.id;
    const getTip = async () => (await operator.call<Tip>('GET', `/api/tips/${tipId}`)).body;
    await waitFor(
      async () => (await getTip()).stage === 'lead_open',
      20_000,
      async () => `the tip to reach lead_open (now ${(await getTip()).stage})`,
    );

    // A case resolved through the API reaches the tip through the outcome worker.
    const lead = (
      await investigator.must<{ id: string }>('POST', '/api/leads/claim', { wards: ['Phường 4'] })
    ).body;
    const linked = await investigator.must<{ case: { id: string } }>(
      'POST',
      `/api/leads/${lead.id}/link`,
      {
        newCase: {
          title: 'Tàng trữ vũ khí tại số 18 Đoàn Văn Bơ',
          kind: 'criminal',
          category: 'weapons',
          severity: 'very_serious',
          ward: 'Phường 4',
          occurredAt: '2026-11-01T16:00:00Z',
        },
      },
    );
    await investigator.must('POST', `/api/cases/${linked.body.case.id}/resolve`, {
      resolution: 'solved',
    });
    const tip = await waitFor(
      async () => {
        const t = await getTip();
        return t.outcome.caseStatus === 'resolved' ? t : undefined;
      },
      20_000,
      () => 'the case outcome to reach the tip',
    );
    expect(tip.stage).toBe('linked');
    expect(tip.outcome.resolution).toBe('solved');

    // Every worker is still running, in production, with none of the API's secrets.
    for (const app of WORKERS) expect(stack.alive(app)).toHaveLength(1);
  });
});
