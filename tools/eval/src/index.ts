export { runEvalTriage } from './eval-triage.command';
export * from './eval-set';
export * from './triage-eval';
