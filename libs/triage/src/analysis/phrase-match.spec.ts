import { markedWords, mentions, phrase } from './phrase-match';

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
