export * from './http';
export * from './stack';
export * from './api-client';
export * from './private-postgres';
export * from './private-redis';
export * from './daemon';
export * from './private-haproxy';
export * from './private-patroni';
