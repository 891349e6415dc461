export * from './annual-report.service';
export * from './csv';
export * from './deadlines.service';
export * from './funnel.projector';
export * from './funnel.service';
export * from './reports.module';
export * from './reports.repository';
export * from './tip-export.service';
