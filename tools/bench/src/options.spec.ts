import { parseOptions } from './options';

describe('bench options', () => {
  it('takes the mode, then the sizes and tip count given', () => {
    const o = parseOptions(['--quick', '--report-sizes=1000000,100000', '--tips=500']);
    expect(o.mode).toBe('quick');
    expect(o.reportSizes).toEqual([100_000, 1_000_000]);
    expect(o.tips).toBe(500);
    expect(o.reuse).toBe(false);
    expect(o.million).toBeNull();
  });

  it('alternates product and baseline three times, the baseline measured after a warm-up', () => {
    for (const mode of ['--smoke', '--quick', '']) {
      const o = parseOptions([mode]);
      expect(o.rounds).toBe(3);
      expect(o.baselineWarmS).toBeGreaterThan(0);
    }
    expect(parseOptions([]).baselineMeasureS).toBeGreaterThanOrEqual(15);
  });

  it('takes --million with an optional multiple of 1000', () => {
    expect(parseOptions(['--million']).million).toBe(1_000_000);
    expect(parseOptions(['--million=20000']).million).toBe(20_000);
    expect(() => parseOptions(['--million=1500'])).toThrow('multiple of 1000');
  });

  it('keeps the loaded report years only for a reports-only run', () => {
    expect(parseOptions(['--reports-only', '--reuse']).reuse).toBe(true);
    expect(() => parseOptions(['--quick', '--reuse'])).toThrow('--reuse goes with --reports-only');
  });

  it('refuses report sizes that are not multiples of 50', () => {
    expect(() => parseOptions(['--report-sizes=120'])).toThrow('multiples of 50');
  });

  it('runs one triage worker unless --triage=N asks for more', () => {
    expect(parseOptions(['--quick']).triageWorkers).toBe(1);
    expect(parseOptions(['--quick', '--triage=2']).triageWorkers).toBe(2);
    expect(() => parseOptions(['--triage=0'])).toThrow('--triage must be 1..8');
    expect(() => parseOptions(['--triage=two'])).toThrow('--triage must be 1..8');
  });
});
