import { hasPhrase, normalizeText, padWords, tokens } from './normalize';

describe('normalizeText', () => {
  it('folds Vietnamese diacritics and đ', () => {
    expect(normalizeText('Đường Nguyễn Tất Thành, Phường 13')).toBe(
      'duong nguyen tat thanh phuong 13',
    );
    expect(normalizeText('thuốc nổ, lựu đạn')).toBe('thuoc no luu dan');
  });

  it('treats precomposed (NFC) and decomposed (NFD) input the same', () => {
    const nfc = 'Khánh Hội'.normalize('NFC');
    const nfd = 'Khánh Hội'.normalize('NFD');
    expect(normalizeText(nfc)).toBe('khanh hoi');
    expect(normalizeText(nfd)).toBe('khanh hoi');
  });

  it('turns punctuation into spaces, keeps digits and collapses whitespace', () => {
    expect(normalizeText('  Số 45/2,   Khánh-Hội!!!\n\t22h30 ')).toBe('so 45 2 khanh hoi 22h30');
  });

  it('is idempotent and handles empty input', () => {
    const once = normalizeText('Tối qua có 2 thanh niên giật túi xách');
    expect(normalizeText(once)).toBe(once);
    expect(normalizeText('')).toBe('');
    expect(normalizeText(' ,.; ')).toBe('');
  });
});

describe('tokens', () => {
  it('splits normalized words', () => {
    expect(tokens('Có người bị đâm!')).toEqual(['co', 'nguoi', 'bi', 'dam']);
    expect(tokens('   ')).toEqual([]);
  });
});

describe('hasPhrase', () => {
  it('matches whole words only', () => {
    expect(hasPhrase('ban ma tuy da', 'ma tuy')).toBe(true);
    expect(hasPhrase('daotao', 'dao')).toBe(false);
    expect(hasPhrase('con dao', 'con dao')).toBe(true);
  });
});

describe('padWords', () => {
  it('gives hasPhrase() by a plain includes() of padded text and phrase', () => {
    const cases: [string, string][] = [
      ['ban ma tuy da', 'ma tuy'],
      ['daotao', 'dao'],
      ['con dao', 'con dao'],
      ['xe may do', 'may'],
      ['xe may do', 'xe ma'],
    ];
    for (const [text, phrase] of cases) {
      expect(padWords(text).includes(padWords(phrase))).toBe(hasPhrase(text, phrase));
    }
    expect(cases.filter(([t, p]) => hasPhrase(t, p))).toHaveLength(3);
  });
});
