export * from './case-suggester';
export * from './link-tip.service';
export * from './linkage.module';
