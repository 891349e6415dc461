import { stageWorkerOptions } from './job-options';

describe('stageWorkerOptions', () => {
  it('keeps the 10 s lock by default', () => {
    expect(stageWorkerOptions({})).toEqual({
      lockDuration: 10_000,
      stalledInterval: 5_000,
      maxStalledCount: 3,
    });
  });

  it('takes JOB_LOCK_MS, checking for stalled jobs at half of it', () => {
    expect(stageWorkerOptions({ JOB_LOCK_MS: '1000' })).toMatchObject({
      lockDuration: 1000,
      stalledInterval: 500,
    });
  });

  it.each(['abc', '50', '1.5', '9999999'])('ignores JOB_LOCK_MS=%p', (v) => {
    expect(stageWorkerOptions({ JOB_LOCK_MS: v }).lockDuration).toBe(10_000);
  });
});
