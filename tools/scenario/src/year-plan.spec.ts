import { readFileSync } from 'fs';
import { join } from 'path';
import { generateYearTips } from './generate-tips';
import { localParts } from './time';
import type { PlannedCase, YearPlan } from './types';
import { CASE_BUCKETS, SEED_FIGURES, expectedFigures, leadsOfCase, planYear } from './year-plan';

const wards: string[] = (
  JSON.parse(readFileSync(join(__dirname, '../../../config/wards.json'), 'utf8')) as {
    wards: string[];
  }
).wards;

const inYear = (isoTime: string): boolean =>
  new Date(isoTime).getUTCFullYear() === 2023 && localParts(Date.parse(isoTime)).year === 2023;

describe('planYear', () => {
  const tips = generateYearTips({ wards });
  const plan = planYear(tips);
  const byRef = new Map(tips.map((t) => [t.externalRef, t]));
  const caseByKey = new Map(plan.cases.map((c) => [c.key, c]));

  it("gives exactly the review's figures, computed by the contract's definitions", () => {
    const f = expectedFigures(plan, tips);
    expect(f.tipsReceived).toBe(SEED_FIGURES.tipsReceived);
    expect(f.casesResolvedFromTips).toBe(SEED_FIGURES.casesResolvedFromTips);
    expect(f.arrestsFromTips).toBe(SEED_FIGURES.arrestsFromTips);
    expect(f.criminal).toEqual(SEED_FIGURES.criminal);
    expect(f.tipsDuplicate).toBe(tips.filter((t) => t.truth.kind === 'duplicate').length);
    expect(f.tipsRejected).toBe(96);
  });

  it('recomputes rather than restating: changing the plan changes the figures', () => {
    const changed: YearPlan = structuredClone(plan);
    const solvedCriminal = changed.cases.find(
      (c) => c.kind === 'criminal' && c.resolution === 'solved',
    );
    if (!solvedCriminal) throw new Error('no solved criminal case');
    solvedCriminal.resolution = null;
    delete solvedCriminal.resolvedAt;
    const f = expectedFigures(changed, tips);
    expect(f.criminal.solved).toBe(73);
    expect(f.criminal.clearanceRate).toBe(75.26);
  });

  it('is deterministic for a seed', () => {
    expect(planYear(generateYearTips({ wards }))).toEqual(plan);
    expect(planYear(tips, { seed: 99 })).not.toEqual(plan);
    expect(expectedFigures(planYear(tips, { seed: 99 }), tips).criminal).toEqual(
      SEED_FIGURES.criminal,
    );
  });

  it('plans a lead for every original tip and only for them', () => {
    const originals = tips
      .filter((t) => t.truth.kind === 'original')
      .map((t) => t.externalRef)
      .sort();
    expect(Object.keys(plan.leads).sort()).toEqual(originals);
    const actions = Object.values(plan.leads);
    expect(actions.filter((a) => a.action === 'leave_open').length).toBeGreaterThanOrEqual(5);
    expect(actions.filter((a) => a.action === 'leave_open').length).toBeLessThanOrEqual(30);
    expect(actions.filter((a) => a.action === 'dismiss').length).toBeGreaterThan(300);
    for (const a of actions)
      if (a.action === 'dismiss') expect(a.reason.length).toBeGreaterThan(10);
  });

  it('links leads to cases of the same ward and category, resolved only after their tips', () => {
    for (const [ref, action] of Object.entries(plan.leads)) {
      if (action.action !== 'link') continue;
      const tip = byRef.get(ref);
      const c = caseByKey.get(action.caseKey);
      expect(tip && c).toBeTruthy();
      if (!tip || !c) continue;
      expect(c.ward).toBe(tip.ward);
      expect(c.category).toBe(tip.category);
      expect(Date.parse(c.occurredAt)).toBeLessThanOrEqual(Date.parse(tip.receivedAt));
      const reports = tips.filter((t) => t.externalRef === ref || t.truth.duplicateOf === ref);
      if (c.resolvedAt)
        for (const r of reports)
          expect(Date.parse(c.resolvedAt)).toBeGreaterThan(Date.parse(r.receivedAt));
    }
    // Several leads can feed one case.
    expect(plan.cases.some((c) => leadsOfCase(plan, c.key).length >= 2)).toBe(true);
  });

  it('keeps every date in 2023 and arrests before the resolution', () => {
    for (const c of plan.cases) {
      expect(inYear(c.occurredAt)).toBe(true);
      if (c.resolution === null) expect(c.resolvedAt).toBeUndefined();
      else {
        expect(c.resolvedAt).toBeDefined();
        expect(inYear(c.resolvedAt ?? '')).toBe(true);
        expect(Date.parse(c.resolvedAt ?? '')).toBeGreaterThan(Date.parse(c.occurredAt));
      }
      if (c.resolution === 'unfounded') expect(c.arrests).toEqual([]);
      for (const a of c.arrests) {
        expect(inYear(a.arrestedAt)).toBe(true);
        expect(Date.parse(a.arrestedAt)).toBeGreaterThan(Date.parse(c.occurredAt));
        if (c.resolvedAt) expect(Date.parse(a.arrestedAt)).toBeLessThan(Date.parse(c.resolvedAt));
        expect(a.personName.split(' ').length).toBeGreaterThanOrEqual(3);
        expect(a.charge.length).toBeGreaterThan(5);
      }
      expect(c.title.length).toBeGreaterThan(10);
    }
    const names = plan.cases.flatMap((c) => c.arrests.map((a) => a.personName));
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(plan.cases.map((c) => c.key)).size).toBe(plan.cases.length);
  });

  it('has the expected mix of cases', () => {
    const isSevere = (c: PlannedCase): boolean =>
      c.severity === 'very_serious' || c.severity === 'especially_serious';
    const criminal = plan.cases.filter((c) => c.kind === 'criminal');
    const admin = plan.cases.filter((c) => c.kind === 'administrative');
    expect(criminal).toHaveLength(97);
    expect(criminal.filter(isSevere)).toHaveLength(47);
    expect(criminal.filter((c) => isSevere(c) && c.resolution === 'solved')).toHaveLength(44);
    expect(admin.some(isSevere)).toBe(false);
    const withTips = new Set(
      Object.values(plan.leads).flatMap((a) => (a.action === 'link' ? [a.caseKey] : [])),
    );
    const noTipCriminal = criminal.filter((c) => !withTips.has(c.key));
    expect(noTipCriminal).toHaveLength(
      CASE_BUCKETS.filter((b) => !b.fromTips).reduce(
        (n, b) => n + b.solved + b.unfounded + b.open,
        0,
      ),
    );
    expect(admin.every((c) => withTips.has(c.key))).toBe(true);
    expect(plan.cases.filter((c) => c.resolution === 'unfounded').length).toBeGreaterThan(5);
    expect(plan.cases.filter((c) => c.resolution === null).length).toBeGreaterThan(10);
    expect(plan.cases.some((c) => c.resolution === null && c.arrests.length > 0)).toBe(true);
    expect(plan.cases.some((c) => c.category === 'weapons' && c.kind === 'administrative')).toBe(
      true,
    );
  });
});
