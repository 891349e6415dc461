import { createHash } from 'node:crypto';

/** An audit row as the chain hashes it: every column, times to the microsecond. */
export interface ChainedRow {
  id: string;
  at: string;
  actor: string | null;
  role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  outcome: string;
  reason: string | null;
  detail: string;
}

/** hash = sha256(previous hash + the row's canonical form): editing or removing a row breaks it. */
export function chainHash(prevHash: string, row: ChainedRow): string {
  const canonical = JSON.stringify([
    row.id,
    row.at,
    row.actor,
    row.role,
    row.action,
    row.entity_type,
    row.entity_id,
    row.outcome,
    row.reason,
    row.detail,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}
