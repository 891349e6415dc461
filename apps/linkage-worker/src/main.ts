import 'reflect-metadata';
import { runWorker } from '@app/dispatch';
import { LINKAGE_WORKER_CONFIG, LinkageWorkerModule } from './linkage-worker.module';

void runWorker('linkage-worker', LinkageWorkerModule, LINKAGE_WORKER_CONFIG);
