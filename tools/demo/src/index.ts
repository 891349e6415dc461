export { runDemo } from './demo.command';
export * from './demo-servers';
export * from './duplicate-score';
