import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { loadReference } from '@app/config';
import {
  ApiClient,
  AppName,
  freePort,
  ProcessStack,
  RunningProcess,
  sleep,
  userWithRole,
} from '@tools/stack';
import {
  CHAOS_DIR,
  checkRecord,
  describeCheck,
  newTip,
  PrivatePostgres,
  PrivateRedis,
  recordChaosRow,
  RecordCheck,
  waitUntilSettled,
} from '@app/testing';

/** Settings that make the pipeline recover in seconds instead of the production tens of seconds. */
export const FAST_RECOVERY = {
  RECONCILE_INTERVAL_MS: '1000',
  STUCK_AFTER_MS: '2000',
  JOB_BACKOFF_MS: '100',
  LEASE_SWEEP_INTERVAL_MS: '1000',
};

export const WORKERS: AppName[] = [
  'triage-worker',
  'linkage-worker',
  'outcome-worker',
  'dispatcher',
  'housekeeper',
];

interface Slot {
  app: AppName;
  env: Record<string, string>;
  /** A command that runs the process (e.g. in a network namespace). */
  wrap?: string[];
  proc: RunningProcess | null;
  starting: boolean;
}

/**
 * One scenario's stack on the file's private PostgreSQL and Redis: its own database and queue
 * prefix, a set of process slots that a supervisor keeps filled (as `npm start` does), the
 * faults injected and the load's answers.
 */
export class ChaosStack {
  readonly pool: Pool;
  readonly faults: number[] = [];
  restarts = 0;
  private readonly slots: Slot[] = [];
  private supervising = false;
  private closed = false;
  private readonly filling = new Set<Promise<void>>();
  private supervisor: Promise<void> | null = null;
  readonly apiPorts: number[] = [];

  private constructor(
    readonly stack: ProcessStack,
    readonly databaseUrl: string,
    readonly name: string,
    readonly redisUrl: string,
    readonly queuePrefix: string,
  ) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 4 });
    this.pool.on('error', () => undefined);
  }

  static async create(
    /** Where the databases live: a private PostgreSQL, or the primary behind a Patroni cluster. */
    pg: { database(name: string): string },
    redis: { url: string },
    name: string,
    env: Record<string, string> = {},
  ): Promise<ChaosStack> {
    const id = `${name.replace(/\W/g, '_').toLowerCase()}_${randomBytes(3).toString('hex')}`;
    const databaseUrl = pg.database(`tt_${id}`);
    const queuePrefix = `tt-${id}`;
    const stack = await ProcessStack.create({
      databaseUrl,
      redisUrl: redis.url,
      queuePrefix,
      env: { ...FAST_RECOVERY, ...env },
    });
    return new ChaosStack(stack, databaseUrl, id, redis.url, queuePrefix);
  }

  /** `apis` API processes (each on its own port) and `replicas` of every worker. */
  async start(opts: { apis?: number; replicas?: number; env?: Record<string, string> } = {}) {
    for (let i = 0; i < (opts.apis ?? 1); i++) {
      const port = i === 0 ? this.stack.port : await freePort();
      this.apiPorts.push(port);
      const slot: Slot = { app: 'api', env: { PORT: String(port) }, proc: null, starting: false };
      this.slots.push(slot);
      await this.fill(slot);
    }
    const workers: Slot[] = [];
    for (let r = 0; r < (opts.replicas ?? 1); r++) {
      for (const app of WORKERS) workers.push({ app, env: {}, proc: null, starting: false });
    }
    this.slots.push(...workers);
    await Promise.all(workers.map((s) => this.fill(s)));
    this.supervising = true;
    this.supervisor = this.supervise();
  }

  /** One more supervised process of `app`, with its own environment and launch command. */
  async add(app: AppName, env: Record<string, string>, wrap?: string[]): Promise<RunningProcess> {
    const slot: Slot = { app, env, wrap, proc: null, starting: false };
    this.slots.push(slot);
    await this.fill(slot);
    return slot.proc!;
  }

  get baseUrls(): string[] {
    return this.apiPorts.map((p) => `http://127.0.0.1:${p}`);
  }

  private fill(slot: Slot): Promise<void> {
    const p = this.fillOnce(slot).finally(() => this.filling.delete(p));
    this.filling.add(p);
    return p;
  }

  private async fillOnce(slot: Slot): Promise<void> {
    slot.starting = true;
    try {
      for (let attempt = 0; !this.closed; attempt++) {
        try {
          slot.proc = await this.stack.start(slot.app, slot.env, slot.wrap);
          return;
        } catch (err) {
          if (attempt >= 20) throw err;
          await sleep(250);
        }
      }
    } finally {
      slot.starting = false;
    }
  }

  /** Restarts any process that died, as the production supervisor does. */
  private async supervise(): Promise<void> {
    while (this.supervising) {
      for (const slot of this.slots) {
        const dead =
          !slot.proc || slot.proc.child.exitCode !== null || slot.proc.child.signalCode !== null;
        if (dead && !slot.starting) {
          // A process that died by itself (a failpoint crash) is a fault too.
          if (slot.proc) this.faults.push(Date.now());
          this.restarts++;
          void this.fill(slot).catch(() => undefined);
        }
      }
      await sleep(100);
    }
  }

  /** The live process of a random slot of one of `apps`. */
  pick(apps: AppName[]): RunningProcess | null {
    const live = this.slots.filter(
      (s) =>
        apps.includes(s.app) &&
        s.proc &&
        !s.starting &&
        s.proc.child.exitCode === null &&
        s.proc.child.signalCode === null,
    );
    if (live.length === 0) return null;
    return live[Math.floor(Math.random() * live.length)].proc;
  }

  /** Notes that a fault happened now (recovery is measured from the last one). */
  fault(): void {
    this.faults.push(Date.now());
  }

  /** kill -9 one process; the supervisor starts it again. */
  kill9(proc: RunningProcess): void {
    this.fault();
    proc.child.kill('SIGKILL');
  }

  logs(): string {
    return this.stack.logs();
  }

  async close(): Promise<void> {
    this.supervising = false;
    this.closed = true;
    await this.supervisor;
    // A start in flight finishes (or fails) before everything is stopped, so none is left over.
    await Promise.allSettled([...this.filling]);
    await this.stack.stop(5_000).catch(() => undefined);
    // The processes' output, for a failed run's post-mortem (no tip text is ever logged).
    mkdirSync(join(CHAOS_DIR, 'logs'), { recursive: true });
    writeFileSync(join(CHAOS_DIR, 'logs', `${this.name}.log`), this.stack.logs());
    await this.pool.end().catch(() => undefined);
  }
}

/** Status codes (or `network`) seen by the load, by count. */
export type StatusCounts = Record<string, number>;

/**
 * Sends tips with an Idempotency-Key each, `concurrency` at a time, spread over the clients;
 * a tip is retried with the same key and body until it is acknowledged (2xx).
 */
export class TipLoad {
  readonly acked = new Map<string, string>();
  readonly statuses: StatusCounts = {};
  readonly wards = loadReference().wards;
  private rr = 0;

  constructor(private readonly clients: ApiClient[]) {}

  private count(status: string): void {
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
  }

  async submit(
    n: number,
    tag: string,
    opts: {
      concurrency?: number;
      giveUpMs?: number;
      /** Also send each k-th tip to every client at once, with its key. */
      raceEvery?: number;
      /** Paces the load to at most this many new tips a second. */
      perSecond?: number;
    } = {},
  ): Promise<void> {
    const concurrency = opts.concurrency ?? 8;
    let next = 0;
    const t0 = Date.now();
    const worker = async () => {
      for (;;) {
        const i = next++;
        if (i >= n) return;
        if (opts.perSecond) {
          const due = t0 + (i * 1000) / opts.perSecond;
          if (due > Date.now()) await sleep(due - Date.now());
        }
        await this.one(
          `${tag}-${i}`,
          opts.giveUpMs ?? 180_000,
          opts.raceEvery && i % opts.raceEvery === 0,
        );
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  private async one(key: string, giveUpMs: number, race: boolean | 0 | undefined): Promise<void> {
    const body = newTip({ ward: this.wards[Math.floor(Math.random() * this.wards.length)] });
    const deadline = Date.now() + giveUpMs;
    for (let attempt = 0; ; attempt++) {
      const targets =
        race && attempt === 0 ? this.clients : [this.clients[this.rr++ % this.clients.length]];
      const answers = await Promise.all(
        targets.map((c) =>
          c
            .call<{ id: string }>('POST', '/api/tips', body, { 'Idempotency-Key': key })
            .catch(() => null),
        ),
      );
      let id: string | null = null;
      for (const res of answers) {
        this.count(res ? String(res.status) : 'network');
        if (res && res.status >= 200 && res.status < 300) {
          if (id && id !== res.body.id) throw new Error(`key ${key} answered with two ids`);
          id = res.body.id;
        }
      }
      if (id) {
        const before = this.acked.get(key);
        if (before && before !== id) throw new Error(`key ${key} answered with two ids`);
        this.acked.set(key, id);
        return;
      }
      if (Date.now() > deadline) throw new Error(`tip ${key} never acknowledged`);
      await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)));
    }
  }

  /** Sends the acknowledged tips again with their keys: each must answer the same id. */
  get ids(): string[] {
    return [...new Set(this.acked.values())];
  }

  get count500(): number {
    return Object.entries(this.statuses)
      .filter(([s]) => s.startsWith('5') && s !== '503')
      .reduce((a, [, n]) => a + n, 0);
  }
}

/**
 * Investigators working leads while tips flow: claim, link to a new case, record an arrest with
 * an Idempotency-Key (sent twice), resolve. Exercises the outcome worker and the arrest guard.
 */
export async function workLeads(
  inv: ApiClient,
  cases: number,
  stop: () => boolean,
): Promise<{ cases: number; arrests: number }> {
  let done = 0;
  let arrests = 0;
  while (done < cases && !stop()) {
    const claim = await inv.call<{ id: string }>('POST', '/api/leads/claim', {}).catch(() => null);
    if (!claim || claim.status !== 200) {
      await sleep(300);
      continue;
    }
    const leadId = claim.body.id;
    const linked = await retry(() =>
      inv.call<{ case: { id: string } }>('POST', `/api/leads/${leadId}/link`, {
        newCase: {
          title: `Vụ việc kiểm thử ${done + 1}`,
          kind: 'criminal',
          category: 'theft',
          severity: 'serious',
          ward: 'Phường 1',
          occurredAt: '2026-11-01T10:00:00Z',
        },
      }),
    );
    if (!linked) continue;
    const caseId = linked.body.case.id;
    for (let a = 0; a < 2; a++) {
      for (let send = 0; send < 2; send++) {
        await retry(() =>
          inv.call(
            'POST',
            `/api/cases/${caseId}/arrests`,
            {
              personName: `Đối tượng ${done + 1}-${a + 1}`,
              arrestedAt: '2026-11-02T03:00:00Z',
            },
            { 'Idempotency-Key': `arrest-${caseId}-${a}` },
          ),
        );
      }
      arrests++;
    }
    await retry(() => inv.call('POST', `/api/cases/${caseId}/resolve`, { resolution: 'solved' }));
    done++;
  }
  return { cases: done, arrests };
}

async function retry<T extends { status: number }>(fn: () => Promise<T>): Promise<T | null> {
  for (let i = 0; i < 30; i++) {
    const res = await fn().catch(() => null);
    if (res && res.status < 300) return res;
    if (res && res.status < 500 && res.status !== 409) return null;
    await sleep(300);
  }
  return null;
}

export async function operators(stack: ChaosStack): Promise<ApiClient[]> {
  const clients: ApiClient[] = [];
  for (const base of stack.baseUrls) clients.push(await userWithRole(base, 'operator'));
  return clients;
}

export interface ScenarioResult {
  check: RecordCheck;
  settledAt: number | null;
  pending: { stage: string; n: number }[];
  maxRecoverySeconds: number;
}

/**
 * Waits for every acknowledged tip to settle, checks the record, writes the table row and
 * returns what it found. Recovery runs from the last fault (or from `since`) to settling.
 */
export async function settleAndCheck(
  stack: ChaosStack,
  load: TipLoad,
  row: { scenario: string; tips?: number; notes?: string | (() => string) },
  since: number,
  timeoutMs = 120_000,
): Promise<ScenarioResult> {
  const { settledAt, pending } = await waitUntilSettled(stack.pool, load.ids, timeoutMs);
  const check = await checkRecord(stack.pool, load.acked);
  const from = Math.max(since, ...stack.faults);
  const maxRecoverySeconds = ((settledAt ?? Date.now()) - from) / 1000;
  recordChaosRow({
    scenario: row.scenario,
    tips: row.tips ?? load.acked.size,
    lost: check.lost,
    duplicated: check.duplicated,
    unexpected: check.unexpected,
    maxRecoverySeconds,
    notes: typeof row.notes === 'function' ? row.notes() : row.notes,
  });
  if (check.lost + check.duplicated + check.unexpected > 0 || !settledAt) {
    process.stderr.write(
      `${row.scenario}: ${describeCheck(check)}; pending ${JSON.stringify(pending)}\n`,
    );
  }
  return { check, settledAt, pending, maxRecoverySeconds };
}

/**
 * A ChaosInfra started before the describe block's tests and closed after them (`beforeClose`
 * runs first, for what a scenario opened on it).
 */
export function useChaosInfra(beforeClose?: () => Promise<unknown>): ChaosInfra {
  const infra = new ChaosInfra();
  beforeAll(() => infra.start());
  afterAll(async () => {
    await beforeClose?.().catch(() => undefined);
    await infra.close();
  });
  return infra;
}

/** The file's own PostgreSQL and Redis, and every stack started on them, torn down together. */
export class ChaosInfra {
  pg: PrivatePostgres | null = null;
  redis: PrivateRedis | null = null;
  readonly stacks: ChaosStack[] = [];

  async start(): Promise<void> {
    this.pg = await PrivatePostgres.start();
    this.redis = await PrivateRedis.start();
  }

  async stack(name: string, env: Record<string, string> = {}): Promise<ChaosStack> {
    const s = await ChaosStack.create(this.pg!, this.redis!, name, env);
    this.stacks.push(s);
    return s;
  }

  async close(): Promise<void> {
    for (const s of this.stacks) await s.close().catch(() => undefined);
    await this.redis?.destroy().catch(() => undefined);
    await this.pg?.destroy().catch(() => undefined);
  }
}
