import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configConcern } from './config-concern';
import { ConfigError } from './env';

export interface ReferenceConfig {
  district: string;
  wards: string[];
  /**
   * The wards sharing a boundary with each ward ("neighbours" in the wards file), always both
   * ways; a ward with none listed has none. Reports of one incident often come from both sides of
   * a boundary street, so the duplicate search looks across it.
   */
  neighbours: Record<string, string[]>;
}

/** The ward list (also read directly by intake's validators, which cannot be injected). */
export function loadReference(env: NodeJS.ProcessEnv = process.env): ReferenceConfig {
  const file = resolve(env.WARDS_FILE || 'config/wards.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read ward list ${file}: ${(err as Error).message}`);
  }
  const p = parsed as { district?: unknown; wards?: unknown; neighbours?: unknown };
  if (
    !Array.isArray(p.wards) ||
    p.wards.length === 0 ||
    !p.wards.every((w) => typeof w === 'string' && w.trim() !== '')
  ) {
    throw new ConfigError(`${file} must hold a non-empty "wards" list of names`);
  }
  const wards = p.wards as string[];
  return {
    district: typeof p.district === 'string' ? p.district : '',
    wards,
    neighbours: wardNeighbours(file, wards, p.neighbours),
  };
}

/**
 * The "neighbours" map of the wards file: ward → the wards it shares a boundary with. Optional;
 * every name must be a listed ward other than itself. A pair listed on one side only is taken
 * both ways, since sharing a boundary is mutual.
 */
function wardNeighbours(file: string, wards: string[], raw: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = Object.fromEntries(wards.map((w) => [w, []]));
  if (raw === undefined) return out;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${file}: "neighbours" must map a ward to a list of wards`);
  }
  const known = new Set(wards);
  const add = (a: string, b: string) => {
    if (!out[a].includes(b)) out[a].push(b);
  };
  for (const [ward, list] of Object.entries(raw as Record<string, unknown>)) {
    if (!known.has(ward))
      throw new ConfigError(`${file}: "neighbours" names an unknown ward ${ward}`);
    if (!Array.isArray(list) || !list.every((n) => typeof n === 'string' && known.has(n))) {
      throw new ConfigError(`${file}: the neighbours of ${ward} must be listed wards`);
    }
    for (const n of list as string[]) {
      if (n === ward) throw new ConfigError(`${file}: ${ward} cannot be its own neighbour`);
      add(ward, n);
      add(n, ward);
    }
  }
  for (const w of wards) out[w].sort((a, b) => wards.indexOf(a) - wards.indexOf(b));
  return out;
}

/** The wards sharing a boundary with `ward` (none for a ward the file does not list). */
export function neighbourWards(reference: ReferenceConfig, ward: string): string[] {
  return reference.neighbours[ward] ?? [];
}

/** The district's wards (WARDS_FILE): intake's validation, triage's duplicate search, the API. */
export const referenceConfig = configConcern('reference', loadReference);
