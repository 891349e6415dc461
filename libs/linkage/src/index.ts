export * from './case-suggester';
export * from './entities';
export * from './link-tip.service';
export * from './linkage.module';
