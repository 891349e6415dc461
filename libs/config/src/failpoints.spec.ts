import { blockEventLoop, FailpointError, Failpoints, parseFailpoints } from './failpoints';

describe('parseFailpoints', () => {
  it('reads nothing from an unset or empty value', () => {
    expect(parseFailpoints(undefined)).toEqual([]);
    expect(parseFailpoints(' , ')).toEqual([]);
  });

  it('reads actions, subject prefixes, counts and percentages', () => {
    expect(
      parseFailpoints(
        'relay.afterSend:crash%30, triage.beforeHandle:block-3000*2,triage.beforeHandle:throw@deadbeef',
      ),
    ).toEqual([
      { point: 'relay.afterSend', action: { kind: 'crash' }, percent: 30 },
      { point: 'triage.beforeHandle', action: { kind: 'block', ms: 3000 }, times: 2 },
      { point: 'triage.beforeHandle', action: { kind: 'throw' }, subjectPrefix: 'deadbeef' },
    ]);
  });

  it.each(['relay.afterSend', 'relay.afterSend:explode', 'x:block-', 'x:crash%101', 'x y:crash'])(
    'refuses %p',
    (raw) => {
      expect(() => parseFailpoints(raw)).toThrow(/TIPTRACE_FAILPOINTS/);
    },
  );
});

describe('Failpoints', () => {
  const effects = () => ({ crash: jest.fn(), block: jest.fn() });

  it('is off in production whatever the variable says', () => {
    const f = Failpoints.fromEnv({ NODE_ENV: 'production', TIPTRACE_FAILPOINTS: 'a:throw' });
    expect(f.enabled).toBe(false);
    expect(() => f.hit('a')).not.toThrow();
  });

  it('is read from TIPTRACE_FAILPOINTS elsewhere', () => {
    const f = Failpoints.fromEnv({ NODE_ENV: 'test', TIPTRACE_FAILPOINTS: 'a:throw' });
    expect(() => f.hit('a')).toThrow(FailpointError);
    expect(() => f.hit('b')).not.toThrow();
  });

  it('crashes, blocks and throws as configured, only at its point', () => {
    const e = effects();
    const f = new Failpoints(parseFailpoints('p:crash,q:block-50'), () => 0, e);
    f.hit('other');
    expect(e.crash).not.toHaveBeenCalled();
    f.hit('p');
    expect(e.crash).toHaveBeenCalledTimes(1);
    expect(f.hit('q')).toBe('blocked');
    expect(e.block).toHaveBeenCalledWith(50);
  });

  it('fires at most *times, and only for subjects with the prefix', () => {
    const e = effects();
    const f = new Failpoints(parseFailpoints('p:block-1@dead*2'), () => 0, e);
    f.hit('p', 'beef');
    f.hit('p');
    expect(e.block).not.toHaveBeenCalled();
    f.hit('p', 'deadbeef');
    f.hit('p', 'dead01');
    f.hit('p', 'dead02');
    expect(e.block).toHaveBeenCalledTimes(2);
  });

  it('fires with the configured probability', () => {
    const e = effects();
    const rolls = [0.1, 0.5, 0.29, 0.3];
    const f = new Failpoints(parseFailpoints('p:crash%30'), () => rolls.shift()!, e);
    for (let i = 0; i < 4; i++) f.hit('p');
    expect(e.crash).toHaveBeenCalledTimes(2);
  });

  it('blockEventLoop holds the thread for the time asked', () => {
    const t0 = Date.now();
    blockEventLoop(60);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(59);
  });
});
