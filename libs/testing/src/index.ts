export * from './test-env';
export * from './tip.factory';
export * from './chaos-table';
// The chaos suite's private servers live with the stack starter, which the demo also uses.
export { PrivatePostgres, PrivateRedis } from '@tools/stack';
export * from './record-check';
export * from './received-tips';
export * from './test-database';
export * from './test-stack';
export * from './test-queues';
