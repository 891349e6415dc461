/** A variable that is malformed, or a development default refused in production. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function isProduction(env: NodeJS.ProcessEnv): boolean {
  return (env.NODE_ENV || 'development') === 'production';
}

/** An integer variable within [min, max]; unset or empty means `fallback`. */
export function readInt(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}`);
  }
  return n;
}

/** A URL variable of one of `protocols` (e.g. 'redis:'); unset or empty means `fallback`. */
export function readUrl(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: string,
  protocols: string[],
): string {
  const raw = env[name] || fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}`);
  }
  return raw;
}

/** A name that may appear in keys and logs: letters, digits, _ . - of at most `max` characters. */
export function readName(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: string,
  max: number,
): string {
  const value = env[name] || fallback;
  if (!new RegExp(`^[A-Za-z0-9_.-]{1,${max}}$`).test(value)) {
    throw new ConfigError(`${name} may hold letters, digits, _ . - (1-${max} characters)`);
  }
  return value;
}
