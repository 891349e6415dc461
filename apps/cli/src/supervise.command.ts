import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { APPS, AppName } from '@app/contracts';

const RESTART_DELAY_MS = 1000;
const STOP_GRACE_MS = 20_000;

/**
 * `npm start`: runs the API and every worker as separate processes and starts again any that
 * dies; SIGINT or SIGTERM stops them all (SIGTERM to each, SIGKILL after a grace period) and
 * nothing is restarted while stopping. Written here because concurrently restarted children
 * that it had itself stopped on SIGTERM.
 */
export function supervise(): Promise<number> {
  const children = new Map<AppName, ChildProcess>();
  let stopping = false;
  const start = (app: AppName) => {
    const child = spawn(process.execPath, [resolve(APPS[app])], {
      stdio: 'inherit',
      env: process.env,
    });
    children.set(app, child);
    child.once('exit', (code, signal) => {
      children.delete(app);
      if (stopping) return;
      console.error(
        JSON.stringify({
          app: 'supervisor',
          msg: `${app} exited, starting it again`,
          code,
          signal,
        }),
      );
      setTimeout(() => !stopping && start(app), RESTART_DELAY_MS);
    });
  };
  // The database is migrated already (cli start runs the migrate step first).
  for (const app of Object.keys(APPS) as AppName[]) start(app);

  return new Promise<number>((done) => {
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      console.error(JSON.stringify({ app: 'supervisor', msg: 'stopping', signal }));
      for (const child of children.values()) child.kill('SIGTERM');
      const force = setTimeout(() => {
        for (const child of children.values()) child.kill('SIGKILL');
      }, STOP_GRACE_MS);
      const check = setInterval(() => {
        if (children.size > 0) return;
        clearInterval(check);
        clearTimeout(force);
        done(0);
      }, 100);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
