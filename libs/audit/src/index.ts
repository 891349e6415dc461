export * from './audit-chain';
export * from './audit-entry';
export * from './audit-query.service';
export * from './audit.module';
export * from './audit.repository';
export * from './audit.sealer';
export * from './audit.writer';
