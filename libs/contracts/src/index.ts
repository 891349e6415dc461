export * from './errors';
export * from './queues';
export * from './reasons';
export * from './reference';
export * from './validators';
