export * from './errors';
export * from './field.validators';
export * from './queues';
export * from './reasons';
export * from './reference';
export * from './validators';
export * from './processes';
