import 'reflect-metadata';
import { runWorker } from '@app/dispatch';
import { HOUSEKEEPER_CONFIG, HousekeeperModule } from './housekeeper.module';

void runWorker('housekeeper', HousekeeperModule, HOUSEKEEPER_CONFIG);
