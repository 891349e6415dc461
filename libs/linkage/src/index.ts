export * from './case-suggester';
export * from './link-tip.service';
export * from './linkage.module';
export * from './linkage.repository';
