export * from './analysis';
export * from './duplicate.finder';
export * from './duplicates.repository';
export * from './entities';
export * from './triage-tip.service';
export * from './triage.module';
export * from './triage.repository';
