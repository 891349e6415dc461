export * from './http';
export * from './stack';
export * from './api-client';
