import { readFileSync } from 'fs';
import { join } from 'path';
import { generateYearTips, type ScenarioTip, type TruthKind } from '@tools/scenario';
import { assessQuality, type QualityResult } from './quality';
import { assessUrgency } from './urgency';

// The demo's generated year, graded against its truth: the screen must never throw away a real
// report, and should catch nearly all of the spam (rejected) and vague tips (sent to a person).

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

  it('rejects no original or duplicate report, and sends none to review', () => {
    const real = [...ofKind('original'), ...ofKind('duplicate')];
    expect(real.length).toBeGreaterThan(0);
    const held = real.filter((g) => !g.result.ok).map((g) => g.tip.externalRef);
    expect(held).toEqual([]);
  });

  it('rejects at least 90 % of the spam, as spam', () => {
    const spam = ofKind('spam');
    expect(spam.length).toBeGreaterThan(0);
    const caught = spam.filter((g) => !g.result.ok && g.result.reason === 'spam').length;
    expect(caught / spam.length).toBeGreaterThanOrEqual(0.9);
  });

  it('finds at least 90 % of the vague tips too vague (for review), and rejects none', () => {
    const vague = ofKind('vague');
    expect(vague.length).toBeGreaterThan(0);
    const caught = vague.filter((g) => !g.result.ok && g.result.reason === 'too_vague').length;
    expect(caught / vague.length).toBeGreaterThanOrEqual(0.9);
    expect(vague.filter((g) => !g.result.ok && g.result.reason === 'spam')).toEqual([]);
  });

  it('finds no threat to life in spam, vague tips or weapons handed in', () => {
    const calm = [
      ...ofKind('spam'),
      ...ofKind('vague'),
      ...graded.filter((g) => g.tip.category === 'weapons' && /giao nộp/.test(g.tip.description)),
    ];
    expect(calm.length).toBeGreaterThan(0);
    const urgent = calm.filter((g) => assessUrgency(g.tip.description).urgent);
    expect(urgent.map((g) => g.tip.externalRef)).toEqual([]);
  });

  it('finds no threat to life in reports of theft, fraud, gambling or drugs, on three seeds', () => {
    // Their texts name scooters ('Air Blade'), betting and dealing, never a danger to life: a
    // homograph or a loose pairing of words would show here first.
    const quiet = new Set(['theft', 'fraud', 'gambling', 'drugs']);
    for (const seed of [undefined, 7, 99]) {
      const tips = generateYearTips({ wards, seed }).filter((t) => quiet.has(t.category));
      expect(tips.length).toBeGreaterThan(0);
      const urgent = tips.filter((t) => assessUrgency(t.description).urgent);
      expect(urgent.map((t) => t.externalRef)).toEqual([]);
    }
  });
});
