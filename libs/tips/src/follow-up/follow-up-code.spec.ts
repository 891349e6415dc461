import {
  derivedFollowUpCode,
  followUpCheckChar,
  newFollowUpCode,
  normaliseFollowUpCode,
  parseFollowUpCode,
} from './follow-up-code';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHAR = '[0-9A-HJKMNP-TV-Z]';

describe('follow-up codes', () => {
  it('has 24 Crockford characters and a check character in five groups of five, 80 bits secret', () => {
    const code = newFollowUpCode();
    expect(code.display).toMatch(new RegExp(`^(${CHAR}{5}-){4}${CHAR}{5}$`));
    expect(code.lookup).toHaveLength(8);
    expect(code.secret).toHaveLength(16);
    const data = code.display.replace(/-/g, '').slice(0, 24);
    expect(data).toBe(code.lookup + code.secret);
    expect(code.display.slice(-1)).toBe(followUpCheckChar(data));
    expect(parseFollowUpCode(code.display)).toEqual({ lookup: code.lookup, secret: code.secret });
  });

  it('reads lower case, spaces, no separators and look-alike letters', () => {
    for (let n = 0; n < 50; n++) {
      const code = newFollowUpCode();
      const want = { lookup: code.lookup, secret: code.secret };
      const typed = code.display
        .toLowerCase()
        .replace(/-/g, ' ')
        .replace(/1/g, 'l')
        .replace(/0/g, 'o');
      expect(parseFollowUpCode(typed)).toEqual(want);
      expect(parseFollowUpCode(code.display.replace(/-/g, ''))).toEqual(want);
      expect(parseFollowUpCode(` ${code.display.replace(/-/g, '  ').replace(/1/g, 'I')} `)).toEqual(
        want,
      );
      expect(normaliseFollowUpCode(typed)).toBe(code.lookup + code.secret);
    }
  });

  it('refuses any one character typed wrong, the check character included', () => {
    const code = newFollowUpCode();
    const chars = [...code.display.replace(/-/g, '')];
    let tried = 0;
    chars.forEach((orig, i) => {
      for (const c of ALPHABET) {
        if (c === orig) continue;
        const typo = [...chars];
        typo[i] = c;
        expect(parseFollowUpCode(typo.join(''))).toBeNull();
        tried++;
      }
    });
    expect(tried).toBe(25 * 31);
  });

  it('refuses any two different characters swapped', () => {
    const code = newFollowUpCode();
    const chars = [...code.display.replace(/-/g, '')];
    let tried = 0;
    for (let i = 0; i < chars.length; i++) {
      for (let j = i + 1; j < chars.length; j++) {
        if (chars[i] === chars[j]) continue;
        const swapped = [...chars];
        [swapped[i], swapped[j]] = [swapped[j], swapped[i]];
        expect(parseFollowUpCode(swapped.join(''))).toBeNull();
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(200);
  });

  it('still reads a code given before the check character (24 characters, groups of four)', () => {
    const old = '7KQ3-M9XA-1B2C-3D4E-5F6G-7H8J';
    expect(parseFollowUpCode(old)).toEqual({ lookup: '7KQ3M9XA', secret: '1B2C3D4E5F6G7H8J' });
    expect(parseFollowUpCode('7kq3 m9xa lb2c 3d4e 5f6g 7h8j')).toEqual({
      lookup: '7KQ3M9XA',
      secret: '1B2C3D4E5F6G7H8J',
    });
  });

  it('refuses what cannot be a code', () => {
    expect(parseFollowUpCode(undefined)).toBeNull();
    expect(parseFollowUpCode('')).toBeNull();
    expect(parseFollowUpCode('ABC')).toBeNull();
    expect(parseFollowUpCode('U'.repeat(24))).toBeNull();
    expect(parseFollowUpCode('A'.repeat(23))).toBeNull();
    expect(parseFollowUpCode('A'.repeat(26))).toBeNull();
    expect(parseFollowUpCode('A'.repeat(65))).toBeNull();
    expect(parseFollowUpCode(`${'A'.repeat(24)}!`)).toBeNull();
  });

  it('does not repeat', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => newFollowUpCode().display));
    expect(seen.size).toBe(1000);
  });

  it('derives the code of an operator-taken tip from its id under the key, the same every time', () => {
    const key = Buffer.alloc(32, 7);
    const a = derivedFollowUpCode(key, '3f1c9f5e-0000-4000-8000-000000000001');
    expect(derivedFollowUpCode(key, '3f1c9f5e-0000-4000-8000-000000000001')).toEqual(a);
    expect(parseFollowUpCode(a.display)).toEqual({ lookup: a.lookup, secret: a.secret });
    expect(derivedFollowUpCode(key, '3f1c9f5e-0000-4000-8000-000000000002').display).not.toBe(
      a.display,
    );
    expect(
      derivedFollowUpCode(Buffer.alloc(32, 8), '3f1c9f5e-0000-4000-8000-000000000001'),
    ).not.toEqual(a);
  });
});
