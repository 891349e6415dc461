export * from './annual-report.service';
export * from './reports.module';
