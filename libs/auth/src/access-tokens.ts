import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role } from './roles.decorator';

export const TOKEN_ISSUER = 'tiptrace';
export const TOKEN_ALGORITHM = 'HS256';
/**
 * Access tokens live 15 minutes; role, disabled and the token version are re-read from the
 * database anyway (AuthUserCache).
 */
export const TOKEN_TTL_SECONDS = 15 * 60;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AccessClaims {
  sub: string;
  /** For the client's convenience only: the guard trusts the server's record, not this. */
  role: Role;
  /** The account's token_version when issued: a password change or disabling raises it. */
  ver: number;
}

/** What a valid token says: whose it is and which token version it was issued under. */
export interface TokenSubject {
  userId: string;
  /** 0 for a token without the claim (issued before versions existed). */
  version: number;
}

/** Tokens whose check is remembered (each about 300 bytes): enough for every user at once. */
const VERIFIED_MAX = 10_000;

/**
 * Signs and checks the API's bearer tokens (HS256, issuer `tiptrace`, secret JWT_SECRET).
 *
 * A token that passed the check is remembered until it expires, so a client's later requests
 * with the same token skip the signature check (an HMAC and two JSON parses, about 7 % of the
 * API's CPU for a claim): the token is the whole key, so only the very string that was checked
 * can hit, and its expiry is still enforced. Whose account it is, and whether it may still act,
 * is checked on every request all the same (AuthUserCache).
 */
@Injectable()
export class AccessTokens {
  private readonly verified = new Map<string, { subject: TokenSubject; expiresAt: number }>();

  constructor(private readonly jwt: JwtService) {}

  issue(userId: string, role: Role, version: number): Promise<string> {
    const claims: AccessClaims = { sub: userId, role, ver: version };
    return this.jwt.signAsync(claims, {
      algorithm: TOKEN_ALGORITHM,
      issuer: TOKEN_ISSUER,
      expiresIn: TOKEN_TTL_SECONDS,
    });
  }

  /** Whom a valid token names; null for anything forged, expired, foreign or malformed. */
  async subject(token: string, now = Date.now()): Promise<TokenSubject | null> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > now) return known.subject;
      this.verified.delete(token);
    }
    try {
      const claims = await this.jwt.verifyAsync<Partial<AccessClaims> & { exp?: number }>(token, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
      });
      if (typeof claims.sub !== 'string' || !UUID_RE.test(claims.sub)) return null;
      const version = claims.ver ?? 0;
      if (!Number.isSafeInteger(version) || version < 0) return null;
      const subject = { userId: claims.sub.toLowerCase(), version };
      if (typeof claims.exp === 'number') this.remember(token, subject, claims.exp * 1000, now);
      return subject;
    } catch {
      return null;
    }
  }

  private remember(token: string, subject: TokenSubject, expiresAt: number, now: number): void {
    if (this.verified.size >= VERIFIED_MAX) {
      for (const [k, v] of this.verified) if (v.expiresAt <= now) this.verified.delete(k);
      // All still valid: the oldest checked go first (a Map keeps insertion order).
      for (const k of this.verified.keys()) {
        if (this.verified.size < VERIFIED_MAX) break;
        this.verified.delete(k);
      }
    }
    this.verified.set(token, { subject, expiresAt });
  }
}
