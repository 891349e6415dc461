import { configConcern } from './config-concern';
import { ConfigError, isProduction, readName } from './env';

export interface TipsterConfig {
  /** AES-256-GCM key that seals tipster identities (and keys their contact fingerprints). */
  key: Buffer;
  /** Stored beside each sealed identity, so keys can rotate. */
  keyId: string;
  /** Earlier keys by id (TIPSTER_OLD_KEYS=id:base64,...), read-only, for rotation. */
  oldKeys: Map<string, Buffer>;
}

// 32 bytes, base64: a development key only; production must set TIPSTER_KEY.
const DEV_TIPSTER_KEY = 'ZGV2LW9ubHktdGlwc3Rlci1rZXktMzItYnl0ZXMhISE=';

function keyRing(raw: string | undefined, currentId: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const part of (raw ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = part.indexOf(':');
    const id = at > 0 ? part.slice(0, at) : '';
    const key = Buffer.from(part.slice(at + 1), 'base64');
    if (!/^[\w.-]{1,32}$/.test(id) || key.length !== 32) {
      throw new ConfigError('TIPSTER_OLD_KEYS must be id:base64-of-32-bytes, comma-separated');
    }
    if (id === currentId) throw new ConfigError('TIPSTER_OLD_KEYS must not repeat TIPSTER_KEY_ID');
    keys.set(id, key);
  }
  return keys;
}

/**
 * Tipster protection: the API (intake seals identities, break-glass opens them) and the
 * key-rotation command. No worker reads it: the pipeline never sees an identity, and the
 * retention purge deletes sealed values without opening them.
 */
export const tipsterConfig = configConcern('tipster', (env): TipsterConfig => {
  const raw = env.TIPSTER_KEY || DEV_TIPSTER_KEY;
  if (isProduction(env) && raw === DEV_TIPSTER_KEY) {
    throw new ConfigError('TIPSTER_KEY must be set in production');
  }
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new ConfigError('TIPSTER_KEY must be 32 bytes, base64-encoded');
  const keyId = readName(env, 'TIPSTER_KEY_ID', 'k1', 32);
  return { key, keyId, oldKeys: keyRing(env.TIPSTER_OLD_KEYS, keyId) };
});
