import { Queue } from 'bullmq';
import { databaseConfig, queueConfig } from '@app/config';
import { QueueName } from '@app/contracts';
import { JobProducers, OutboxRelay, QueueRegistry } from '@app/dispatch';
import type { TestDatabase } from './test-database';

/** Every queue on a test file's own prefix, the registry over them, and a relay onto them. */
export interface TestQueues {
  queues: Map<QueueName, Queue>;
  registry: QueueRegistry;
  relay: OutboxRelay;
  close(): Promise<void>;
}

/** The queues of `env` (its Redis and prefix) and an outbox relay from its database onto them. */
export function testQueues(env: TestDatabase): TestQueues {
  const queues = new Map<QueueName, Queue>();
  for (const name of Object.values(QueueName))
    queues.set(
      name,
      new Queue(name, { connection: { url: env.redisUrl }, prefix: env.queuePrefix }),
    );
  const registry = { get: (name: QueueName) => queues.get(name) } as unknown as QueueRegistry;
  const settings = queueConfig.load({ REDIS_URL: env.redisUrl, QUEUE_PREFIX: env.queuePrefix });
  const relay = new OutboxRelay(
    env.ds,
    new JobProducers(registry, settings),
    databaseConfig.load({ DATABASE_URL: env.databaseUrl }),
  );
  return {
    queues,
    registry,
    relay,
    async close() {
      for (const q of queues.values()) await q.close();
    },
  };
}
