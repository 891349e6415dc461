import 'reflect-metadata';
import { runWorker } from '@app/dispatch';
import { TriageWorkerModule } from './triage-worker.module';

void runWorker('triage-worker', TriageWorkerModule);
