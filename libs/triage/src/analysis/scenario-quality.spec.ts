import { readFileSync } from 'fs';
import { join } from 'path';
import { generateYearTips, type ScenarioTip, type TruthKind } from '@app/scenario';
import { assessQuality, type QualityResult } from './quality';

// The demo's generated year, graded against its truth: the screen must never throw away a real
// report, and should catch nearly all of the spam and vague tips mixed in.

const wards: string[] = (
  JSON.parse(readFileSync(join(__dirname, '../../../../config/wards.json'), 'utf8')) as {
    wards: string[];
  }
).wards;

describe('assessQuality on the default scenario', () => {
  const graded: { tip: ScenarioTip; result: QualityResult }[] = generateYearTips({ wards }).map(
    (tip) => ({ tip, result: assessQuality(tip.description) }),
  );
  const ofKind = (kind: TruthKind) => graded.filter((g) => g.tip.truth.kind === kind);

  it('rejects no original or duplicate report', () => {
    const real = [...ofKind('original'), ...ofKind('duplicate')];
    expect(real.length).toBeGreaterThan(0);
    const rejected = real.filter((g) => !g.result.ok).map((g) => g.tip.externalRef);
    expect(rejected).toEqual([]);
  });

  it('rejects at least 90 % of the spam, as spam', () => {
    const spam = ofKind('spam');
    expect(spam.length).toBeGreaterThan(0);
    const caught = spam.filter((g) => !g.result.ok && g.result.reason === 'spam').length;
    expect(caught / spam.length).toBeGreaterThanOrEqual(0.9);
  });

  it('rejects at least 90 % of the vague tips', () => {
    const vague = ofKind('vague');
    expect(vague.length).toBeGreaterThan(0);
    const caught = vague.filter((g) => !g.result.ok).length;
    expect(caught / vague.length).toBeGreaterThanOrEqual(0.9);
  });
});
