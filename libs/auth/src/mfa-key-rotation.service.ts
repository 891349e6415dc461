import { Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { MfaSecretCipher } from './mfa-secret.cipher';
import { UsersRepository } from './users.repository';

const BATCH = 200;

export interface MfaRotationResult {
  reencrypted: number;
  fromKeys: Record<string, number>;
  toKey: string;
}

/**
 * Re-seals every TOTP secret (pending or on) under the key derived from the current tipster key,
 * with the tipster identities (`rotate-tipster-key`), so an old key can leave TIPSTER_OLD_KEYS.
 * Batches commit one by one with an audit entry; an interrupted run is simply run again.
 */
@Injectable()
export class MfaKeyRotationService {
  constructor(
    private readonly ds: DataSource,
    private readonly users: UsersRepository,
    private readonly cipher: MfaSecretCipher,
    private readonly audit: AuditWriter,
  ) {}

  async rotate(actor = 'cli'): Promise<MfaRotationResult> {
    const toKey = this.cipher.currentKeyId;
    const fromKeys: Record<string, number> = {};
    let reencrypted = 0;
    for (;;) {
      const done = await this.ds.transaction(async (m) => {
        const rows = await this.users.lockMfaSecretsNotUnder(m, toKey, BATCH);
        for (const row of rows) {
          const secret = this.cipher.open(row.id, {
            cipher: row.mfa_secret,
            keyId: row.mfa_key_id,
          });
          const sealed = this.cipher.seal(row.id, secret);
          await this.users.replaceMfaSecret(m, row.id, sealed.cipher, sealed.keyId);
          fromKeys[row.mfa_key_id] = (fromKeys[row.mfa_key_id] ?? 0) + 1;
        }
        if (rows.length) {
          await this.audit.append(m, [
            {
              actor,
              role: null,
              action: 'user.mfa_rekeyed',
              entityType: 'system',
              entityId: null,
              outcome: 'success',
              detail: { count: rows.length, toKey },
            },
          ]);
        }
        return rows.length;
      });
      reencrypted += done;
      if (done < BATCH) break;
    }
    return { reencrypted, fromKeys, toKey };
  }
}

/** What key rotation needs of accounts: no JWT secret, no guard. */
@Module({
  providers: [UsersRepository, MfaSecretCipher, MfaKeyRotationService],
  exports: [MfaKeyRotationService],
})
export class MfaKeyRotationModule {}
