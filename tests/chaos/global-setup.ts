import { clearChaosRows } from '../../libs/testing/src/chaos-table';

/** A run's table holds only that run's rows. */
export default function globalSetup(): void {
  clearChaosRows();
}
