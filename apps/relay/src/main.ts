import 'reflect-metadata';
import { runWorker } from '@app/dispatch';
import { RelayModule } from './relay.module';

void runWorker('relay', RelayModule);
