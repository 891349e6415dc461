import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { DomainError } from '@app/contracts';
import { TipsterCipher, TipsterIdentity } from './tipster.cipher';
import { TipsterRepository } from './tipster.repository';

export interface RevealActor {
  id: string;
  username: string;
  role: string;
}

/**
 * Break-glass access to a tipster's identity. The audit entry is written in the transaction that
 * reads the identity, so nobody sees an identity without a committed record of it; refusals are
 * recorded too. Nothing here logs: the identity leaves only as the return value.
 */
@Injectable()
export class TipsterRevealService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tipsters: TipsterRepository,
    private readonly cipher: TipsterCipher,
    private readonly audit: AuditWriter,
  ) {}

  async reveal(tipId: string, reason: string, actor: RevealActor): Promise<TipsterIdentity> {
    const outcome = await this.dataSource.transaction(async (m) => {
      const row = await this.tipsters.lockSealed(m, tipId);
      const problem = !row
        ? 'tip_not_found'
        : row.identity_purged_at
          ? 'identity_purged'
          : !row.tipster_cipher || !row.tipster_key_id
            ? 'no_identity'
            : null;
      if (problem || !row?.tipster_cipher || !row.tipster_key_id) {
        return { identity: null, problem: problem ?? 'no_identity' };
      }
      const identity = this.cipher.open({ cipher: row.tipster_cipher, keyId: row.tipster_key_id });
      await this.audit.append(m, [
        {
          actor: actor.id,
          role: actor.role,
          action: 'tipster.revealed',
          entityType: 'tipster',
          entityId: tipId,
          outcome: 'success',
          reason,
          detail: { username: actor.username, keyId: row.tipster_key_id },
        },
      ]);
      return { identity, problem: null };
    });
    if (outcome.identity) return outcome.identity;
    await this.audit.record([
      {
        actor: actor.id,
        role: actor.role,
        action: 'tipster.revealed',
        entityType: 'tipster',
        entityId: tipId,
        outcome: 'failure',
        reason,
        detail: { username: actor.username, problem: outcome.problem },
      },
    ]);
    throw new DomainError(
      'not_found',
      outcome.problem === 'tip_not_found'
        ? 'tip not found'
        : outcome.problem === 'identity_purged'
          ? 'the tipster identity was purged under the retention policy'
          : 'the tip has no tipster identity',
    );
  }
}
