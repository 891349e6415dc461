export * from './http';
export * from './stack';
export * from './api-client';
export * from './private-postgres';
export * from './private-redis';
export * from './private-sentinel';
