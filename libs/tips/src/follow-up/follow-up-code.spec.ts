import { derivedFollowUpCode, newFollowUpCode, parseFollowUpCode } from './follow-up-code';

describe('follow-up codes', () => {
  it('has 24 Crockford characters in groups of four, 80 of its bits secret', () => {
    const code = newFollowUpCode();
    expect(code.display).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(code.secret).toHaveLength(16);
    expect(parseFollowUpCode(code.display)).toEqual({ lookup: code.lookup, secret: code.secret });
  });

  it('reads lower case, spaces and look-alike letters', () => {
    const code = newFollowUpCode();
    const typed = code.display
      .toLowerCase()
      .replace(/-/g, ' ')
      .replace(/1/g, 'l')
      .replace(/0/g, 'o');
    expect(parseFollowUpCode(typed)).toEqual({ lookup: code.lookup, secret: code.secret });
  });

  it('refuses what cannot be a code', () => {
    expect(parseFollowUpCode(undefined)).toBeNull();
    expect(parseFollowUpCode('ABC')).toBeNull();
    expect(parseFollowUpCode('U'.repeat(24))).toBeNull();
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
