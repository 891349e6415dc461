export * from './decisions.module';
export * from './dto/decision.dto';
export * from './tip-decisions.service';
