export * from './queues';
export * from './reference';
