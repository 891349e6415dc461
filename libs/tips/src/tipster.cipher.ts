import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TipsterConfig, tipsterConfig } from '@app/config';

export interface TipsterIdentity {
  name?: string;
  phone?: string;
  email?: string;
}

export interface SealedIdentity {
  cipher: Buffer;
  keyId: string;
}

/**
 * AES-256-GCM over the tipster's identity. Layout: 12-byte IV | 16-byte tag | ciphertext. The key
 * id is stored beside each value so keys can rotate.
 */
@Injectable()
export class TipsterCipher {
  /** Every key this process can read with: the current one and TIPSTER_OLD_KEYS. */
  private readonly keys: Map<string, Buffer>;

  constructor(@Inject(tipsterConfig.KEY) private readonly tipster: TipsterConfig) {
    this.keys = new Map(tipster.oldKeys);
    this.keys.set(tipster.keyId, tipster.key);
  }

  /** The id new values are sealed under. */
  get currentKeyId(): string {
    return this.tipster.keyId;
  }

  seal(identity: TipsterIdentity): SealedIdentity {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.tipster.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(identity), 'utf8'), cipher.final()]);
    return {
      cipher: Buffer.concat([iv, cipher.getAuthTag(), body]),
      keyId: this.tipster.keyId,
    };
  }

  /**
   * Seals bytes of evidence (a chunk of an attachment) the same way, bound to `aad` (which file,
   * which chunk) so that a chunk moved to another place does not open.
   */
  sealBytes(plain: Buffer, aad: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.tipster.key, iv);
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** The bytes `sealBytes` sealed under `keyId` with the same `aad`; throws if tampered. */
  openBytes(sealed: Buffer, keyId: string, aad: Buffer): Buffer {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`tipster key ${keyId} is not loaded`);
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    decipher.setAAD(aad);
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  }

  open(sealed: SealedIdentity): TipsterIdentity {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new Error(`tipster key ${sealed.keyId} is not loaded`);
    const iv = sealed.cipher.subarray(0, 12);
    const tag = sealed.cipher.subarray(12, 28);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    const text = Buffer.concat([
      decipher.update(sealed.cipher.subarray(28)),
      decipher.final(),
    ]).toString('utf8');
    return JSON.parse(text) as TipsterIdentity;
  }
}

export function hasIdentity(t: TipsterIdentity | undefined): t is TipsterIdentity {
  return !!t && [t.name, t.phone, t.email].some((v) => typeof v === 'string' && v.trim() !== '');
}
