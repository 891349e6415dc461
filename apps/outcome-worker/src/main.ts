import 'reflect-metadata';
import { runWorker } from '@app/dispatch';
import { OUTCOME_WORKER_CONFIG, OutcomeWorkerModule } from './outcome-worker.module';

void runWorker('outcome-worker', OutcomeWorkerModule, OUTCOME_WORKER_CONFIG);
