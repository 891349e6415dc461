import 'reflect-metadata';
import { runWorker } from '@app/dispatch';
import { OutcomeWorkerModule } from './outcome-worker.module';

void runWorker('outcome-worker', OutcomeWorkerModule);
