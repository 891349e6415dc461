export * from './errors';
export * from './queues';
export * from './reference';
export * from './validators';
