export * from './test-env';
export * from './tip.factory';
