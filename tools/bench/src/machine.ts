import { cpus, release, totalmem } from 'node:os';
import { Client } from 'pg';
import Redis from 'ioredis';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  node: string;
  postgres: string;
  redis: string;
}

export async function machine(db: Client, redis: Redis): Promise<Machine> {
  const [{ v }] = (await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`))
    .rows;
  const info = await redis.info('server');
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    os: `${process.platform} ${release()}`,
    node: process.version,
    postgres: v,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
  };
}

export interface CommandStat {
  command: string;
  calls: number;
  usec: number;
}

/** Redis INFO commandstats as a map (server-wide: diff two snapshots to get one run's share). */
export async function commandStats(redis: Redis): Promise<Map<string, CommandStat>> {
  const text = await redis.info('commandstats');
  const out = new Map<string, CommandStat>();
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    out.set(m[1], { command: m[1], calls: Number(m[2]), usec: Number(m[3]) });
  }
  return out;
}

export function diffStats(
  before: Map<string, CommandStat>,
  after: Map<string, CommandStat>,
  top = 8,
): CommandStat[] {
  return [...after.values()]
    .map((a) => {
      const b = before.get(a.command);
      return {
        command: a.command,
        calls: a.calls - (b?.calls ?? 0),
        usec: a.usec - (b?.usec ?? 0),
      };
    })
    .filter((s) => s.calls > 0)
    .sort((x, y) => y.usec - x.usec)
    .slice(0, top);
}

export async function usedMemoryMb(redis: Redis): Promise<number> {
  const text = await redis.info('memory');
  const bytes = Number(/^used_memory:(\d+)/m.exec(text)?.[1] ?? 0);
  return Math.round(bytes / 1024 / 102.4) / 10;
}

/** Keys under `prefix:` (SCAN, bounded), optionally deleting them. */
export async function prefixKeys(redis: Redis, prefix: string, remove: boolean): Promise<number> {
  let cursor = '0';
  let count = 0;
  for (let i = 0; i < 100_000; i++) {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    count += keys.length;
    if (remove && keys.length) await redis.del(...keys);
    cursor = next;
    if (cursor === '0') break;
  }
  return count;
}
