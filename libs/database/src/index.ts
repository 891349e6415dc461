export * from './data-source-options';
export * from './database.module';
export * from './entities';
export * from './migrations';
export * from './prepare-database';
export * from './sql';
export * from './preparing-client';
export * from './schema-check';
