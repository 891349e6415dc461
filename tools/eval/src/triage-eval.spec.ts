import { resolve } from 'node:path';
import { loadReference } from '@app/config';
import { checkEvalSet, describeEvalSet, EvalItem, loadEvalSet } from './eval-set';
import { scoreTriageEval, TriageOutcome } from './triage-eval';

const item = (id: string, label: Partial<EvalItem['label']> = {}): EvalItem => ({
  id,
  lang: 'vi',
  channel: 'hotline',
  category: 'theft',
  ward: 'Phường 4',
  receivedAt: '2025-01-01T01:00:00Z',
  description: 'Mất xe máy trước nhà số 12 Tôn Đản',
  label: { urgent: false, junk: false, event: null, ...label },
});

const outcome = (id: string, o: Partial<TriageOutcome> = {}): TriageOutcome => ({
  id,
  stage: 'triaged',
  urgent: false,
  reviewReason: null,
  duplicateOf: null,
  ...o,
});

describe('scoreTriageEval', () => {
  it('measures urgent recall and precision, and lists urgent tips held back', () => {
    const items = [item('e001', { urgent: true }), item('e002', { urgent: true }), item('e003')];
    const f = scoreTriageEval(items, [
      outcome('e001', { urgent: true }),
      outcome('e002', { stage: 'needs_review' }),
      outcome('e003', { urgent: true }),
    ]);
    expect(f.urgent).toMatchObject({
      measured: true,
      recall: 0.5,
      precision: 0.5,
      missed: ['e002'],
      falseAlarms: ['e003'],
      heldBack: ['e002'],
    });
    expect(f.review).toEqual({ count: 1, rate: 1 / 3, junk: 0, real: 1 });
  });

  it('does not measure urgency while triage stores no flag', () => {
    const f = scoreTriageEval(
      [item('e001', { urgent: true })],
      [outcome('e001', { urgent: null })],
    );
    expect(f.urgent.measured).toBe(false);
  });

  it('lists real reports rejected and scores the rejection of junk', () => {
    const items = [item('e001', { junk: true }), item('e002', { junk: true }), item('e003')];
    const f = scoreTriageEval(items, [
      outcome('e001', { stage: 'rejected' }),
      outcome('e002'),
      outcome('e003', { stage: 'rejected' }),
    ]);
    expect(f.rejection).toMatchObject({
      rejected: 2,
      realRejected: ['e003'],
      precision: 0.5,
      recall: 0.5,
      junkNotRejected: ['e002'],
    });
  });

  it('counts duplicate pairs only between tips that passed triage', () => {
    const items = [
      item('e001', { event: 'ev-001' }),
      item('e002', { event: 'ev-001' }),
      item('e003', { event: 'ev-001' }),
      item('e004'),
      item('e005', { event: 'ev-002' }),
      item('e006', { event: 'ev-002' }),
    ];
    const f = scoreTriageEval(items, [
      outcome('e001'),
      outcome('e002', { duplicateOf: 'e001' }),
      outcome('e003', { stage: 'needs_review' }),
      outcome('e004', { duplicateOf: 'e001' }),
      // A tip pointing at a root that did not pass predicts no pair with it.
      outcome('e005', { stage: 'rejected' }),
      outcome('e006', { duplicateOf: 'e005' }),
    ]);
    expect(f.duplicates).toMatchObject({
      truePairs: 4,
      predictedPairs: 3,
      correctPairs: 1,
      missedPairs: ['e001~e003', 'e002~e003', 'e005~e006'],
      wrongPairs: ['e001~e004', 'e002~e004'],
    });
  });
});

describe('the hand-labelled set (tests/fixtures/triage-eval)', () => {
  const items = loadEvalSet(resolve(__dirname, '../../../tests/fixtures/triage-eval'));

  it('is sound: fields, unique ids, known wards, 2024–2026, each event within 48 h', () => {
    expect(checkEvalSet(items, loadReference().wards, 48)).toEqual([]);
  });

  it('holds the mix it was written for', () => {
    const s = describeEvalSet(items);
    expect(s.total).toBeGreaterThanOrEqual(240);
    expect(s.urgent).toBeGreaterThanOrEqual(40);
    expect(s.junk).toBeGreaterThanOrEqual(35);
    expect(s.events).toBeGreaterThanOrEqual(35);
    expect(s.en).toBeGreaterThan(0);
    const sizes = new Map<string, number>();
    for (const it of items)
      if (it.label.event) sizes.set(it.label.event, (sizes.get(it.label.event) ?? 0) + 1);
    expect([...sizes.values()].every((n) => n >= 2 && n <= 4)).toBe(true);
  });

  it('finds what is wrong with a bad item', () => {
    const bad = {
      ...item('e001', { junk: true, urgent: true }),
      ward: 'Phường 99',
      receivedAt: '2023-05-01T00:00:00Z',
      description: 'ngắn',
    };
    expect(checkEvalSet([bad, item('e001')], ['Phường 4'], 48)).toEqual([
      'item e001: unknown ward',
      'item e001: receivedAt outside 2024–2026',
      'item e001: description must be 10–5000 characters',
      'item e001: junk cannot be urgent or part of an event',
      'item e001: id used twice',
    ]);
    const far = [
      item('e001', { event: 'ev-001' }),
      { ...item('e002', { event: 'ev-001' }), receivedAt: '2025-01-04T01:00:00Z' },
    ];
    expect(checkEvalSet(far, ['Phường 4'], 48)).toEqual([
      'event ev-001: reports more than 48 h apart',
    ]);
  });

  it('comes with a ward map whose neighbours are mutual', () => {
    const { wards, neighbours } = loadReference();
    for (const w of wards) {
      expect(neighbours[w].length).toBeGreaterThan(0);
      for (const n of neighbours[w]) expect(neighbours[n]).toContain(w);
    }
  });
});
