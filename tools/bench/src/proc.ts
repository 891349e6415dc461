import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Peak resident set (VmHWM) of a live process in MB, or null when it cannot be read. */
export function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

export interface Spawned {
  name: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

/** Spawns `node <script> ...args`; resolves once its output contains `ready` (if given). */
export async function spawnNode(
  name: string,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready?: string,
  timeoutMs = 30_000,
): Promise<Spawned> {
  const child = spawn(process.execPath, [script, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let onLine: (() => void) | null = null;
  const onData = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 500) output.splice(0, output.length - 500);
    onLine?.();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  if (ready) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} did not start: ${output.join('').slice(-1000)}`)),
        timeoutMs,
      );
      onLine = () => {
        if (output.join('').includes(ready)) {
          clearTimeout(timer);
          onLine = null;
          resolve();
        }
      };
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${code}) during start: ${output.join('').slice(-1000)}`));
      });
      onLine();
    });
  }
  return { name, child, output, exited };
}

export async function stopProcess(p: Spawned, graceMs = 10_000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}

let ticksPerSecond: number | null = null;

/** The kernel's clock ticks per second (USER_HZ), in which /proc/<pid>/stat counts CPU time. */
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      ticksPerSecond = 100;
    }
    if (!Number.isFinite(ticksPerSecond) || ticksPerSecond <= 0) ticksPerSecond = 100;
  }
  return ticksPerSecond;
}

/**
 * CPU time a live process has used so far (user + system, from /proc/<pid>/stat), in ms; null
 * when it cannot be read. Diff two readings for one run's share.
 */
export function cpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / clockTicks();
  } catch {
    return null;
  }
}

/** CPU-ms readings of named processes (pid per name), for a diff per run. */
export function cpuSnapshot(
  pids: Record<string, number | undefined>,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [name, pid] of Object.entries(pids)) out[name] = cpuMs(pid);
  return out;
}

/** CPU-ms per item of each process between two snapshots. */
export function cpuPerItem(
  before: Record<string, number | null>,
  after: Record<string, number | null>,
  items: number,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [name, a] of Object.entries(after)) {
    const b = before[name];
    out[name] =
      a === null || b === null || b === undefined || items <= 0
        ? null
        : Math.round(((a - b) / items) * 1000) / 1000;
  }
  return out;
}
