export * from './claim-lead.service';
export * from './dto/lead.dto';
export * from './lease.sweeper';
export * from './leads.module';
export * from './leads.repository';
export * from './work-lead.service';
