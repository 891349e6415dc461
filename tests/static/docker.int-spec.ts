import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Static checks of the container setup. Docker itself is not available here, so the compose file
 * is validated with dclint (compose schema + style rules) and the Dockerfile is checked against the
 * monorepo's real build layout. No YAML library: the compose file is read line by line, which
 * is enough for its block-style layout (dclint has already proven it is valid YAML).
 */
const root = join(__dirname, '..', '..');
const composePath = join(root, 'docker', 'compose.yaml');
const dockerfilePath = join(root, 'docker', 'Dockerfile');
const run = promisify(execFile);

const APPS = [
  'api',
  'triage-worker',
  'linkage-worker',
  'outcome-worker',
  'dispatcher',
  'housekeeper',
  'cli',
] as const;
const SERVICES = [
  'api',
  'triage-worker',
  'linkage-worker',
  'outcome-worker',
  'dispatcher',
  'housekeeper',
  'migrate',
] as const;

interface ComposeService {
  name: string;
  body: string[];
}

/** Top-level keys, and each service's lines, of a block-style compose file. */
function readCompose(text: string): { topKeys: string[]; services: Map<string, ComposeService> } {
  const lines = text.split('\n');
  const topKeys: string[] = [];
  const services = new Map<string, ComposeService>();
  let inServices = false;
  let current: ComposeService | undefined;
  for (const line of lines) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const top = /^([A-Za-z0-9_.-]+):/.exec(line);
    if (top) {
      topKeys.push(top[1]);
      inServices = top[1] === 'services';
      current = undefined;
      continue;
    }
    if (!inServices) continue;
    const svc = /^ {2}([A-Za-z0-9_.-]+):\s*$/.exec(line);
    if (svc) {
      current = { name: svc[1], body: [] };
      services.set(svc[1], current);
    } else if (current) {
      current.body.push(line);
    }
  }
  return { topKeys, services };
}

/** The lines of each top-level `x-…: &anchor` block, by anchor name. */
function readAnchors(text: string): Map<string, string[]> {
  const anchors = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const top = /^[A-Za-z0-9_.-]+:(?:\s*&([A-Za-z0-9_-]+))?/.exec(line);
    if (top) {
      current = top[1] ? [] : undefined;
      if (top[1] && current) anchors.set(top[1], current);
    } else if (current) {
      current.push(line);
    }
  }
  return anchors;
}

/** The upper-case variables in `lines`, following `*anchor` references (merges included). */
function variablesOf(lines: string[], anchors: Map<string, string[]>, seen = new Set<string>()) {
  const names = new Set<string>();
  for (const line of lines) {
    const own = /^\s+([A-Z][A-Z0-9_]*):/.exec(line);
    if (own) names.add(own[1]);
    for (const [, ref] of line.matchAll(/\*([A-Za-z0-9_-]+)/g)) {
      if (seen.has(ref) || !anchors.has(ref)) continue;
      seen.add(ref);
      for (const n of variablesOf(anchors.get(ref)!, anchors, seen)) names.add(n);
    }
  }
  return names;
}

/** `FROM image AS name` stages of the Dockerfile, in order. */
function readStages(text: string): string[] {
  return [...text.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)\s*$/gim)].map((m) => m[1]);
}

describe('docker setup (static)', () => {
  const composeText = readFileSync(composePath, 'utf8');
  const dockerfile = readFileSync(dockerfilePath, 'utf8');
  const compose = readCompose(composeText);
  const stages = readStages(dockerfile);

  it('passes dclint (compose schema and style rules)', async () => {
    const bin = join(root, 'node_modules', '.bin', 'dclint');
    // Files before --disable-rule: that option is an array and swallows what follows it.
    const result = await run(
      bin,
      [composePath, '-q', '--disable-rule', 'no-unbound-port-interfaces'],
      { cwd: root, timeout: 60_000 },
    ).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({
        code: e.code ?? 1,
        out: `${e.stdout ?? ''}${e.stderr ?? ''}`,
      }),
    );
    expect(result).toEqual({ code: 0, out: expect.any(String) as string });
  });

  it('names the project and declares every app, postgres and redis as a service', () => {
    expect(composeText).toMatch(/^name: tiptrace\s*$/m);
    expect(compose.topKeys).toEqual(expect.arrayContaining(['name', 'services', 'volumes']));
    for (const s of [...SERVICES, 'postgres', 'redis']) {
      expect(compose.services.has(s)).toBe(true);
    }
  });

  it('builds each app service from the Dockerfile target of that app', () => {
    const targetOf = (s: string) =>
      /^\s+target:\s*(\S+)\s*$/m.exec(compose.services.get(s)?.body.join('\n') ?? '')?.[1];
    expect(targetOf('api')).toBe('api');
    expect(targetOf('triage-worker')).toBe('triage-worker');
    expect(targetOf('linkage-worker')).toBe('linkage-worker');
    expect(targetOf('dispatcher')).toBe('dispatcher');
    expect(targetOf('housekeeper')).toBe('housekeeper');
    expect(targetOf('migrate')).toBe('cli');
    expect(composeText).toMatch(/^\s+dockerfile:\s*docker\/Dockerfile\s*$/m);
  });

  it('orders start-up: migrate after healthy postgres, apps after a successful migrate', () => {
    const body = (s: string) => compose.services.get(s)?.body.join('\n') ?? '';
    expect(body('migrate')).toMatch(/postgres:\s*\n\s+condition: service_healthy/);
    expect(body('migrate')).toMatch(/command:.*migrate/);
    for (const s of ['api', 'triage-worker', 'linkage-worker', 'outcome-worker', 'dispatcher']) {
      expect(body(s)).toMatch(/migrate:\s*\n\s+condition: service_completed_successfully/);
      expect(body(s)).toMatch(/redis:\s*\n\s+condition: service_healthy/);
    }
    // The housekeeper works on the record alone.
    expect(body('housekeeper')).toMatch(
      /migrate:\s*\n\s+condition: service_completed_successfully/,
    );
    expect(body('housekeeper')).not.toMatch(/redis:/);
    expect(body('postgres')).toMatch(/pg_isready/);
    expect(body('postgres')).toMatch(/^\s+image: postgres:15\s*$/m);
    expect(body('redis')).toMatch(/^\s+image: redis:7\s*$/m);
    expect(body('linkage-worker')).toMatch(/deploy:\s*\n\s+replicas: 2/);
    expect(body('triage-worker')).toMatch(/deploy:\s*\n\s+replicas: 2/);
    expect(body('api')).toMatch(/:3000['"]?\s*$/m);
  });

  it('gives every documented variable a default', () => {
    for (const v of [
      'DATABASE_URL',
      'REDIS_URL',
      'QUEUE_PREFIX',
      'JWT_SECRET',
      'TIPSTER_KEY',
      'ADMIN_USERNAME',
      'ADMIN_PASSWORD',
      'NODE_ENV',
      'LOG_LEVEL',
    ]) {
      expect(composeText).toMatch(new RegExp(`^\\s+${v}: \\$\\{${v}:-`, 'm'));
    }
    // Only ${VAR:-default} (or a literal $$): no bare ${VAR} that would become an empty string.
    expect(composeText).not.toMatch(/\$\{[A-Z_]+\}/);
  });

  it("gives each service only its own variables: the API's secrets to the API alone", () => {
    const anchors = readAnchors(composeText);
    const vars = (s: string) => variablesOf(compose.services.get(s)?.body ?? [], anchors);
    const API_ONLY = ['JWT_SECRET', 'TIPSTER_KEY', 'ADMIN_USERNAME', 'ADMIN_PASSWORD', 'PORT'];
    for (const v of API_ONLY) expect(vars('api').has(v)).toBe(true);
    for (const s of [
      'triage-worker',
      'linkage-worker',
      'outcome-worker',
      'dispatcher',
      'housekeeper',
      'migrate',
    ]) {
      expect({ service: s, given: API_ONLY.filter((v) => vars(s).has(v)) }).toEqual({
        service: s,
        given: [],
      });
      expect(vars(s).has('DATABASE_URL')).toBe(true);
    }
    for (const s of ['api', 'triage-worker', 'linkage-worker', 'outcome-worker', 'dispatcher']) {
      for (const v of ['REDIS_URL', 'QUEUE_PREFIX', 'LOG_LEVEL', 'NODE_ENV']) {
        expect({ service: s, has: v, given: vars(s).has(v) }).toEqual({
          service: s,
          has: v,
          given: true,
        });
      }
    }
    // The housekeeper: the database and logging, no queues.
    expect([...vars('housekeeper')].sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'NODE_ENV']);
    // The migration reads the database only.
    expect([...vars('migrate')].sort()).toEqual(['DATABASE_URL', 'NODE_ENV']);
  });

  it('brings up the high-availability topology under the ha profile only', () => {
    const body = (s: string) => compose.services.get(s)?.body.join('\n') ?? '';
    const HA = ['etcd', 'patroni-1', 'patroni-2', 'pg-proxy', 'api-proxy'];
    for (const s of HA)
      expect({ service: s, profile: body(s) }).toEqual({
        service: s,
        profile: expect.stringMatching(/^\s+profiles: \['ha'\]\s*$/m) as string,
      });
    // The default stack stays as it was: no app, postgres or redis is in a profile.
    for (const s of [...SERVICES, 'postgres', 'redis']) expect(body(s)).not.toMatch(/profiles:/);
    for (const s of ['patroni-1', 'patroni-2']) {
      expect(body(s)).toMatch(/^\s+target: patroni\s*$/m);
      expect(body(s)).toMatch(/^\s+PATRONI_NAME: \S+\s*$/m);
    }
    expect(body('etcd')).toMatch(/^\s+target: etcd\s*$/m);

    // Every file the profile mounts or copies exists.
    const ha = join(root, 'docker', 'ha');
    for (const f of ['Dockerfile', 'patroni.yml', 'haproxy-pg.cfg', 'haproxy-api.cfg']) {
      expect(existsSync(join(ha, f))).toBe(true);
    }
    const mounted = [...composeText.matchAll(/^\s+- \.\/(ha\/[^:\s]+):/gm)].map((m) => m[1]);
    expect(mounted.sort()).toEqual(['ha/haproxy-api.cfg', 'ha/haproxy-pg.cfg']);
    for (const src of mounted) expect(existsSync(join(root, 'docker', src))).toBe(true);
    expect(readStages(readFileSync(join(ha, 'Dockerfile'), 'utf8'))).toEqual(['etcd', 'patroni']);

    // Synchronous replication: an acknowledged commit is on both servers.
    const patroni = readFileSync(join(ha, 'patroni.yml'), 'utf8');
    expect(patroni).toMatch(/^\s+synchronous_mode: true\s*$/m);
    expect(patroni).toMatch(/^\s+synchronous_commit: 'on'\s*$/m);
    expect(patroni).toMatch(/^\s+use_pg_rewind: true\s*$/m);
    expect(patroni).toMatch(/^\s+bin_dir: \/usr\/lib\/postgresql\/15\/bin\s*$/m);
    // HAProxy leads to the primary by Patroni's REST check, to the standby for reports, and to
    // the live API replicas by their /health route.
    const pg = readFileSync(join(ha, 'haproxy-pg.cfg'), 'utf8');
    expect(pg).toMatch(/listen primary\n\s+bind :5432\n\s+option httpchk GET \/primary/);
    expect(pg).toMatch(/listen standby\n\s+bind :5433\n\s+option httpchk GET \/replica/);
    expect(pg).toMatch(/on-marked-down shutdown-sessions/);
    expect(pg.match(/^\s+server patroni-\d patroni-\d:5432 check port 8008/gm)).toHaveLength(4);
    const api = readFileSync(join(ha, 'haproxy-api.cfg'), 'utf8');
    expect(api).toMatch(/option httpchk GET \/health\n/);
    expect(api).toMatch(/server-template api \d+ api:3000 check/);
  });

  it('has deps, build, prod-deps and runtime stages plus one target per app', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(stages).toEqual(
      expect.arrayContaining(['deps', 'build', 'prod-deps', 'runtime', ...APPS]),
    );
    expect(new Set(stages).size).toBe(stages.length);
    expect(dockerfile).toMatch(/npm ci --ignore-scripts/);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/npm ci --omit=dev --ignore-scripts/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(stages[stages.length - 1]).toBe('api');
  });

  it('points every entry at a real source file and the nest-cli project layout', () => {
    const nest = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8')) as {
      projects: Record<string, { sourceRoot: string; entryFile: string }>;
    };
    const entries = [...dockerfile.matchAll(/"dist\/apps\/([^/"$]+)\/src\/main\.js"/g)];
    const named = new Set(entries.map((m) => m[1]));
    for (const app of APPS) expect(named.has(app)).toBe(true);
    const missing: string[] = [];
    for (const [, outApp] of entries) {
      const project = nest.projects[outApp];
      expect(project).toBeDefined();
      expect(project.sourceRoot).toBe(`apps/${outApp}/src`);
      expect(project.entryFile).toBe('main');
      const main = `apps/${outApp}/src/main.ts`;
      if (!existsSync(join(root, main))) missing.push(main);
    }
    expect(missing).toEqual([]);
    // One tsc pass over apps/ and libs/ (tsconfig.build.json, rootDir ./) lays out dist/apps/<app>/src.
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.build).toContain('tsc -p tsconfig.build.json');
    const build = readFileSync(join(root, 'tsconfig.build.json'), 'utf8');
    expect(build).toContain('"apps/**/*"');
    for (const app of APPS)
      expect(pkg.scripts[`start:${app}`] ?? pkg.scripts.migrate).toContain(
        `dist/apps/${app}/src/main.js`,
      );
  });

  it('copies only what exists and keeps build inputs out of .dockerignore', () => {
    for (const m of dockerfile.matchAll(/^COPY (?!--from)(?:--\S+\s+)*(.+)\s+\S+$/gm)) {
      for (const src of m[1].trim().split(/\s+/)) {
        expect(existsSync(join(root, src))).toBe(true);
      }
    }
    expect(existsSync(join(root, 'config', 'wards.json'))).toBe(true);
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const needed of ['apps', 'libs', 'config', 'package.json', 'package-lock.json']) {
      expect(ignored).not.toContain(needed);
    }
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', 'dist']));
  });

  it('profile ha: a Redis master, a replica and three sentinels that the processes are pointed at', () => {
    const body = (s: string) => compose.services.get(s)?.body.join('\n') ?? '';
    const sentinels = ['redis-sentinel-1', 'redis-sentinel-2', 'redis-sentinel-3'];
    for (const s of ['redis-master', 'redis-replica', ...sentinels]) {
      expect({ service: s, ha: /^\s+profiles: \[ha\]\s*$/m.test(body(s)) }).toEqual({
        service: s,
        ha: true,
      });
      expect(body(s)).toMatch(/^\s+image: redis:7\s*$/m);
    }
    // No persistence on either node, as the single Redis; the replica follows the master.
    expect(body('redis-master')).toMatch(
      /- --save\s*\n\s+- ''\s*\n\s+- --appendonly\s*\n\s+- 'no'/,
    );
    expect(body('redis-replica')).toMatch(/- --replicaof\s*\n\s+- redis-master\s*\n\s+- '6379'/);
    // Each sentinel watches the master under one name with a quorum of 2 of the 3.
    expect(body('redis-sentinel-1')).toMatch(/sentinel monitor tiptrace redis-master 6379 2/);
    for (const s of sentinels.slice(1)) expect(body(s)).toMatch(/\*sentinel-conf/);
    for (const s of sentinels) expect(body(s)).toMatch(new RegExp(`SENTINEL_HOST: ${s}\\s*$`, 'm'));
    // The processes that use Redis read the sentinel settings; docker/ha.env names all three.
    const anchors = readAnchors(composeText);
    for (const s of ['api', 'triage-worker', 'linkage-worker', 'outcome-worker', 'dispatcher']) {
      const vars = variablesOf(compose.services.get(s)?.body ?? [], anchors);
      expect([s, vars.has('REDIS_SENTINELS'), vars.has('REDIS_SENTINEL_NAME')]).toEqual([
        s,
        true,
        true,
      ]);
    }
    const haEnv = readFileSync(join(root, 'docker', 'ha.env'), 'utf8');
    expect(haEnv).toMatch(
      /^REDIS_SENTINELS=redis-sentinel-1:26379,redis-sentinel-2:26379,redis-sentinel-3:26379$/m,
    );
    expect(haEnv).toMatch(/^REDIS_SENTINEL_NAME=tiptrace$/m);
  });
});
