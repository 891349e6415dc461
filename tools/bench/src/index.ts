export { runBench } from './bench.command';
export { prefixKeys } from './machine';
export * from './results';
