export * from './audit-entry';
export * from './audit.module';
export * from './audit.writer';
