import 'reflect-metadata';
import { runWorker } from '@app/dispatch';
import { LinkageWorkerModule } from './linkage-worker.module';

void runWorker('linkage-worker', LinkageWorkerModule);
