import { Inject, Injectable } from '@nestjs/common';
import { AuthConfig, authConfig } from '@app/config';
import type { AuthUser } from './roles.decorator';
import { UsersRepository } from './users.repository';

/** What the guard needs of an enabled user's record. */
export interface AccountStatus extends AuthUser {
  /** Tokens issued under an older version are refused. */
  tokenVersion: number;
  mustChangePassword: boolean;
  mfaEnabled: boolean;
}

/** null when the account is gone or disabled. */
export type ActiveUser = AccountStatus | null;

const MAX_ENTRIES = 10_000;

/**
 * The server's record of a token's user, re-read at most every AUTH_USER_CACHE_MS (30 s by
 * default), so a changed role, a disabled account or a changed password takes effect within that
 * time on every replica without a round-trip per request (at once on the replica that made it).
 */
@Injectable()
export class AuthUserCache {
  private readonly entries = new Map<string, { user: ActiveUser; until: number }>();
  private readonly ttlMs: number;

  constructor(
    private readonly users: UsersRepository,
    @Inject(authConfig.KEY) auth: AuthConfig,
  ) {
    this.ttlMs = auth.userCacheMs;
  }

  async get(id: string, now = Date.now()): Promise<ActiveUser> {
    const hit = this.entries.get(id);
    if (hit && hit.until > now) return hit.user;
    const row = await this.users.findById(id);
    const user: ActiveUser =
      row && !row.disabled
        ? {
            id: row.id,
            username: row.username,
            role: row.role,
            tokenVersion: row.token_version,
            mustChangePassword: row.must_change_password,
            mfaEnabled: row.mfa_enabled,
          }
        : null;
    if (this.ttlMs > 0) {
      this.entries.delete(id);
      if (this.entries.size >= MAX_ENTRIES) this.evict(now);
      this.entries.set(id, { user, until: now + this.ttlMs });
    }
    return user;
  }

  /** The account changed here: read it afresh on its next request. */
  forget(id: string): void {
    this.entries.delete(id);
  }

  /** Drops expired entries; if all are fresh, the oldest inserted ones (Map keeps order). */
  private evict(now: number): void {
    for (const [k, v] of this.entries) if (v.until <= now) this.entries.delete(k);
    for (const k of this.entries.keys()) {
      if (this.entries.size < MAX_ENTRIES) break;
      this.entries.delete(k);
    }
  }
}
