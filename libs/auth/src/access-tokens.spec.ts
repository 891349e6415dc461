import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { AccessTokens, TOKEN_TTL_SECONDS } from './access-tokens';

describe('AccessTokens', () => {
  const jwt = new JwtService({ secret: 'unit-test-secret-unit-test-secret' });

  it('remembers a checked token until it expires, and checks it again after', async () => {
    const verify = jest.spyOn(jwt, 'verifyAsync');
    const tokens = new AccessTokens(jwt);
    const id = randomUUID();
    const token = await tokens.issue(id, 'investigator', 3);
    const now = Date.now();
    expect(await tokens.subject(token, now)).toEqual({ userId: id, version: 3 });
    expect(await tokens.subject(token, now + 1000)).toEqual({ userId: id, version: 3 });
    expect(verify).toHaveBeenCalledTimes(1);
    // Past its expiry the remembered check no longer counts: the token is checked afresh.
    await tokens.subject(token, now + (TOKEN_TTL_SECONDS + 5) * 1000);
    expect(verify).toHaveBeenCalledTimes(2);
    verify.mockRestore();
  });

  it('never lets a token that differs by a character ride on a checked one', async () => {
    const tokens = new AccessTokens(jwt);
    const token = await tokens.issue(randomUUID(), 'supervisor', 0);
    expect(await tokens.subject(token)).not.toBeNull();
    const [head, body, sig] = token.split('.');
    const forged = `${head}.${body}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await tokens.subject(forged)).toBeNull();
    const other = new AccessTokens(new JwtService({ secret: 'another-secret-another-secret!!' }));
    expect(await other.subject(token)).toBeNull();
  });

  it('refuses an expired token it never saw', async () => {
    const tokens = new AccessTokens(jwt);
    const expired = await jwt.signAsync(
      { sub: randomUUID(), role: 'investigator', ver: 0, exp: Math.floor(Date.now() / 1000) - 10 },
      { algorithm: 'HS256', issuer: 'tiptrace' },
    );
    expect(await tokens.subject(expired)).toBeNull();
  });
});
