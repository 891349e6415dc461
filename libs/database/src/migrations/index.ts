import { InitialSchema1795831204119 } from './1795831204119-InitialSchema';

/** Append-only: a landed migration is never edited; add a new one. */
export const MIGRATIONS = [InitialSchema1795831204119];
