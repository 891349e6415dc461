import {
  markedWords,
  matchedUnmarked,
  matchesAt,
  mentions,
  occurrences,
  phrase,
} from './phrase-match';

describe('mentions', () => {
  it('matches whole words with their marks', () => {
    expect(mentions(markedWords('Ra bến xe Miền Tây'), phrase('bến'))).toBe(true);
    expect(mentions(markedWords('Bên kia có người'), phrase('bến'))).toBe(false);
    expect(mentions(markedWords('Dạo này thấy lạ'), phrase('dao'))).toBe(false);
    expect(mentions(markedWords('Nó cầm dao'), phrase('dao'))).toBe(true);
  });

  it('matches words typed without marks by their folded form', () => {
    expect(mentions(markedWords('co nguoi trom xe o ben xe'), phrase('bến xe'))).toBe(true);
    expect(mentions(markedWords('DUONG Khanh Hoi'), phrase('đường'))).toBe(true);
  });

  it('needs consecutive whole words', () => {
    expect(mentions(markedWords('ma túy đá'), phrase('ma túy'))).toBe(true);
    expect(mentions(markedWords('ma quỷ túy lúy'), phrase('ma túy'))).toBe(false);
    expect(mentions(markedWords('daotao'), phrase('dao'))).toBe(false);
  });
});

describe('markedWords', () => {
  it('spells an open oa, oe, uy syllable one way, wherever the keyboard put the tone', () => {
    expect(markedWords('hoà toé thuỷ khoẻ').written).toEqual(['hòa', 'tóe', 'thủy', 'khỏe']);
    expect(mentions(markedWords('dây điện toé lửa'), phrase('tóe lửa'))).toBe(true);
    expect(mentions(markedWords('hỏa hoạn'), phrase('hoả hoạn'))).toBe(true);
    // A closing consonant, or 'qu', keeps the tone where it is.
    expect(markedWords('hoàn toán quý').written).toEqual(['hoàn', 'toán', 'quý']);
  });
});

describe('occurrences', () => {
  it('gives every start, and with exact only where the marks were typed', () => {
    const text = markedWords('tu tu thôi, có người tự tử, co nguoi tu tu');
    expect(occurrences(text, phrase('tự tử'))).toEqual([0, 5, 9]);
    expect(occurrences(text, phrase('tự tử'), true)).toEqual([5]);
    expect(matchesAt(text, 5, phrase('tự tử'), true)).toBe(true);
    expect(matchesAt(text, 9, phrase('tự tử'), true)).toBe(false);
  });

  it('tells a match typed without marks from one typed with them', () => {
    const text = markedWords('cháy nhà, chay nha');
    expect(matchedUnmarked(text, 0, phrase('cháy nhà'))).toBe(false);
    expect(matchedUnmarked(text, 2, phrase('cháy nhà'))).toBe(true);
  });
});
