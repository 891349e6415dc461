import 'reflect-metadata';
import { runWorker } from '@app/dispatch';
import { RELAY_CONFIG, RelayModule } from './relay.module';

void runWorker('relay', RelayModule, RELAY_CONFIG);
