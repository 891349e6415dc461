import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TipsterConfig, tipsterConfig } from '@app/config';

export interface SealedSecret {
  cipher: Buffer;
  keyId: string;
}

const INFO = 'tiptrace mfa secret';

/** A key of its own for TOTP secrets, derived from a tipster key (the same key ring and ids). */
function derive(key: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), INFO, 32));
}

/**
 * Seals TOTP secrets at rest the way tipster identities are sealed: AES-256-GCM, 12-byte IV |
 * 16-byte tag | ciphertext, the key id stored beside. The key is derived (HKDF) from TIPSTER_KEY
 * and TIPSTER_OLD_KEYS, so it rotates with them, and the user's id is bound in as associated data
 * (a sealed secret copied onto another account does not open).
 */
@Injectable()
export class MfaSecretCipher {
  private readonly keys = new Map<string, Buffer>();
  /** The key id new secrets are sealed under (TIPSTER_KEY_ID). */
  readonly currentKeyId: string;

  constructor(@Inject(tipsterConfig.KEY) tipster: TipsterConfig) {
    for (const [id, key] of tipster.oldKeys) this.keys.set(id, derive(key));
    this.keys.set(tipster.keyId, derive(tipster.key));
    this.currentKeyId = tipster.keyId;
  }

  seal(userId: string, secret: Buffer): SealedSecret {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    c.setAAD(Buffer.from(userId, 'utf8'));
    const body = Buffer.concat([c.update(secret), c.final()]);
    return { cipher: Buffer.concat([iv, c.getAuthTag(), body]), keyId: this.currentKeyId };
  }

  open(userId: string, sealed: SealedSecret): Buffer {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new Error(`tipster key ${sealed.keyId} is not loaded`);
    const d = createDecipheriv('aes-256-gcm', key, sealed.cipher.subarray(0, 12));
    d.setAAD(Buffer.from(userId, 'utf8'));
    d.setAuthTag(sealed.cipher.subarray(12, 28));
    return Buffer.concat([d.update(sealed.cipher.subarray(28)), d.final()]);
  }
}
