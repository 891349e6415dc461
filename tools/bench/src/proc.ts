import { ChildProcess, spawn } from 'node:child_process';
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
