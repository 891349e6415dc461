export * from './http';
export * from './stack';
