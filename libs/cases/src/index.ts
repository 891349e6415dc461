export * from './case-events.writer';
export * from './case.service';
export * from './cases.module';
export * from './cases.repository';
export * from './dto/case.dto';
export * from './outcome.projector';
