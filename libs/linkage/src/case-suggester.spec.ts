import { explainReason } from '@app/contracts';
import { score } from './case-suggester';

const base = { id: 'c1', same_ward: false, same_category: false, shared: null, sim: null };

describe('case suggestion score', () => {
  it('gives each reason its points, its English line and its code', () => {
    expect(score({ ...base, same_ward: true })).toMatchObject({
      score: 0.2,
      reasons: ['same ward'],
      codes: [{ code: 'same_ward' }],
    });
    expect(score({ ...base, same_category: true })).toMatchObject({
      score: 0.2,
      reasons: ['same category'],
      codes: [{ code: 'same_category' }],
    });
    expect(score({ ...base, shared: ['plate 59K245678'] })).toMatchObject({
      score: 0.25,
      reasons: ['shared plate 59K245678'],
      codes: [{ code: 'shared_entity', params: { kind: 'plate', value: '59K245678' } }],
    });
    expect(score({ ...base, shared: ['landmark cho xom chieu'] })).toMatchObject({
      score: 0.15,
      codes: [{ code: 'shared_entity', params: { kind: 'landmark', value: 'cho xom chieu' } }],
    });
    expect(score({ ...base, sim: 0.6 })).toMatchObject({
      score: 0.3,
      reasons: ["text similarity 0.60 with the case's tips"],
      codes: [{ code: 'text_similarity', params: { similarity: 0.6 } }],
    });
    expect(score({ ...base, same_ward: true, opened_after: true })).toMatchObject({
      score: 0.2,
      reasons: ['same ward', 'case opened after the lead'],
      codes: [{ code: 'same_ward' }, { code: 'opened_after_lead' }],
    });
  });

  it('ignores weak text similarity, caps shared items at three and the score at 1', () => {
    expect(score({ ...base, sim: 0.19 }).reasons).toEqual([]);
    const many = score({
      ...base,
      same_ward: true,
      same_category: true,
      shared: ['phone 0901234567', 'plate 59K245678', 'address 12 ton dan', 'address 14 ton dan'],
      sim: 0.9,
    });
    expect(many.codes!.filter((c) => c.code === 'shared_entity')).toHaveLength(3);
    expect(many.score).toBe(1);
  });

  it('explains every code in Vietnamese and English', () => {
    const all = score({
      ...base,
      same_ward: true,
      same_category: true,
      shared: ['phone 0901234567'],
      sim: 0.55,
      opened_after: true,
    });
    for (const c of all.codes!) {
      const t = explainReason(c);
      expect(t.vi).not.toBe('');
      expect(t.en).not.toBe('');
      expect(t.vi).not.toBe(t.en);
    }
  });
});
