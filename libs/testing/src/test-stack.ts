import { Client } from 'pg';
import { ProcessStack } from '@tools/stack';
import type { StackOptions } from '@tools/stack';
import { newTestEnv, TestEnv } from './test-env';

/** A test file's own stack of real processes, and a client on its database. */
export interface TestStack {
  env: TestEnv;
  stack: ProcessStack;
  /** Connected to the stack's database (the migrate step has made it once a process started). */
  db: Client;
  /** Closes the client, stops every process, then drops the database and the queue prefix. */
  cleanup(): Promise<void>;
}

/**
 * The end-to-end tests' set-up: `newTestEnv(name)`, a ProcessStack on it with `env` for every
 * process, `start(stack)` (which starts what the file needs: `stack.startAll()`, the API alone…),
 * and a client on the database. Should any step fail, what was made goes before the error is
 * thrown: the caller gets nothing to clean up.
 */
export async function testStack(
  name: string,
  start: (stack: ProcessStack) => Promise<unknown>,
  opts: Omit<StackOptions, 'databaseUrl' | 'redisUrl' | 'queuePrefix'> = {},
): Promise<TestStack> {
  const env = newTestEnv(name);
  const stack = await ProcessStack.create({ ...env, ...opts });
  const db = new Client({ connectionString: env.databaseUrl });
  const cleanup = async () => {
    await db.end().catch(() => undefined);
    await stack.stop();
    await env.cleanup();
  };
  try {
    await start(stack);
    await db.connect();
  } catch (err) {
    await cleanup();
    throw err;
  }
  return { env, stack, db, cleanup };
}
