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

/** Signs and checks the API's bearer tokens (HS256, issuer `tiptrace`, secret JWT_SECRET). */
@Injectable()
export class AccessTokens {
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
  async subject(token: string): Promise<TokenSubject | null> {
    try {
      const claims = await this.jwt.verifyAsync<Partial<AccessClaims>>(token, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
      });
      if (typeof claims.sub !== 'string' || !UUID_RE.test(claims.sub)) return null;
      const version = claims.ver ?? 0;
      if (!Number.isSafeInteger(version) || version < 0) return null;
      return { userId: claims.sub.toLowerCase(), version };
    } catch {
      return null;
    }
  }
}
