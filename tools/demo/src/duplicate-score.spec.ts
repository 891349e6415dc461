import { scoreDuplicates } from './duplicate-score';

describe('scoreDuplicates', () => {
  const m = (o: Record<string, string>) => new Map(Object.entries(o));

  it('is perfect when predicted events equal true events, whatever the root', () => {
    const truth = m({ a: 'e1', b: 'e1', c: 'e1', d: 'e2' });
    const predicted = m({ a: 'b', b: 'b', c: 'b', d: 'd' });
    expect(scoreDuplicates(truth, predicted)).toMatchObject({
      precision: 1,
      recall: 1,
      truePairs: 3,
    });
  });

  it('counts a wrong merge against precision and a missed one against recall', () => {
    const truth = m({ a: 'e1', b: 'e1', c: 'e2', d: 'e2' });
    const predicted = m({ a: 'a', b: 'a', c: 'a', d: 'd' });
    // predicted pairs: ab, ac, bc (1 right); true pairs: ab, cd (1 found)
    const s = scoreDuplicates(truth, predicted);
    expect(s.precision).toBeCloseTo(1 / 3);
    expect(s.recall).toBeCloseTo(1 / 2);
  });
});
