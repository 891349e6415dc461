export * from './analysis';
export * from './duplicate.finder';
export * from './triage-tip.service';
export * from './triage.module';
export * from './triage.repository';
