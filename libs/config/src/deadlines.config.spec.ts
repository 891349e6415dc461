import { deadlinesConfig } from './deadlines.config';
import { ConfigError } from './env';

describe('deadlinesConfig: decision deadlines and the notification checks', () => {
  it('has working defaults', () => {
    expect(deadlinesConfig.load({})).toEqual({
      decisionDays: 20,
      nearMs: 72 * 3_600_000,
      urgentClaimMs: 10 * 60_000,
      checkIntervalMs: 15_000,
    });
  });

  it('takes fractions of a minute for URGENT_CLAIM_MINUTES (tests use a few seconds)', () => {
    expect(deadlinesConfig.load({ URGENT_CLAIM_MINUTES: '0.05' }).urgentClaimMs).toBe(3_000);
    expect(deadlinesConfig.load({ DECISION_DAYS: '0' }).decisionDays).toBe(0);
  });

  it.each([
    ['URGENT_CLAIM_MINUTES', '0'],
    ['URGENT_CLAIM_MINUTES', '-1'],
    ['URGENT_CLAIM_MINUTES', 'soon'],
    ['DECISION_DAYS', '2.5'],
    ['DECISION_DAYS', '400'],
    ['DEADLINE_NEAR_HOURS', '0'],
    ['NOTIFY_CHECK_INTERVAL_MS', '10'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => deadlinesConfig.load({ [name]: value })).toThrow(ConfigError);
  });
});
