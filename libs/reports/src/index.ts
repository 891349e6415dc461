export * from './annual-report.service';
export * from './csv';
export * from './deadlines.service';
export * from './funnel.projector';
export * from './funnel.repository';
export * from './funnel.service';
export * from './reports.module';
export * from './tip-export.service';
