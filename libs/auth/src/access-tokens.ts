import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role } from './roles.decorator';

export const TOKEN_ISSUER = 'tiptrace';
export const TOKEN_ALGORITHM = 'HS256';
/** Access tokens live 15 minutes; role and disabled are re-read from the database anyway. */
export const TOKEN_TTL_SECONDS = 15 * 60;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AccessClaims {
  sub: string;
  /** For the client's convenience only: the guard trusts the server's record, not this. */
  role: Role;
}

/** Signs and checks the API's bearer tokens (HS256, issuer `tiptrace`, secret JWT_SECRET). */
@Injectable()
export class AccessTokens {
  constructor(private readonly jwt: JwtService) {}

  issue(userId: string, role: Role): Promise<string> {
    const claims: AccessClaims = { sub: userId, role };
    return this.jwt.signAsync(claims, {
      algorithm: TOKEN_ALGORITHM,
      issuer: TOKEN_ISSUER,
      expiresIn: TOKEN_TTL_SECONDS,
    });
  }

  /** The user id a valid token names; null for anything forged, expired, foreign or malformed. */
  async subject(token: string): Promise<string | null> {
    try {
      const claims = await this.jwt.verifyAsync<Partial<AccessClaims>>(token, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
      });
      return typeof claims.sub === 'string' && UUID_RE.test(claims.sub)
        ? claims.sub.toLowerCase()
        : null;
    } catch {
      return null;
    }
  }
}
