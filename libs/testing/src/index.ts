export * from './test-env';
export * from './tip.factory';
export * from './chaos-table';
export * from './private-postgres';
export * from './record-check';
