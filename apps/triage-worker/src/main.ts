import 'reflect-metadata';
import { runWorker } from '@app/dispatch';
import { TRIAGE_WORKER_CONFIG, TriageWorkerModule } from './triage-worker.module';

void runWorker('triage-worker', TriageWorkerModule, TRIAGE_WORKER_CONFIG);
