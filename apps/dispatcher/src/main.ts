import 'reflect-metadata';
import { runWorker } from '@app/dispatch';
import { DISPATCHER_CONFIG, DispatcherModule } from './dispatcher.module';

void runWorker('dispatcher', DispatcherModule, DISPATCHER_CONFIG);
