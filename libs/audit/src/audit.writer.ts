import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditEntry } from './audit-entry';

// PostgreSQL text cannot hold NUL, and jsonb refuses NUL and unpaired surrogates: either would
// fail the insert, and with it the request being audited.
// eslint-disable-next-line no-control-regex -- NUL is exactly what must go
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `value` with every string made storable: NUL and unpaired surrogates become U+FFFD. */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map((v: unknown) => storable(v)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [storable(k), storable(v)]),
    ) as T;
  }
  return value;
}

/**
 * Appends audit entries in the caller's transaction, so an entry exists exactly when the change
 * it records was committed. Entries are insert-only (a trigger refuses UPDATE and DELETE); the
 * sealer chains them by hash shortly after they commit.
 */
@Injectable()
export class AuditWriter {
  constructor(private readonly dataSource: DataSource) {}

  async append(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // Entries carry what a client sent (a list's filter, a route's id): keep it, made storable.
    entries = entries.map((e) => storable(e));
    await manager.query(
      `INSERT INTO audit_log (at, actor, role, action, entity_type, entity_id, outcome, reason, detail)
       SELECT clock_timestamp(), actor, role, action, entity_type, entity_id, outcome, reason, detail
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[])
         AS e(actor, role, action, entity_type, entity_id, outcome, reason, detail)`,
      [
        entries.map((e) => e.actor),
        entries.map((e) => e.role),
        entries.map((e) => e.action),
        entries.map((e) => e.entityType),
        entries.map((e) => e.entityId),
        entries.map((e) => e.outcome),
        entries.map((e) => e.reason ?? null),
        entries.map((e) => JSON.stringify(e.detail ?? {})),
      ],
    );
  }

  /** For changes that have no transaction of their own (reads, refused logins). */
  record(entries: AuditEntry[]): Promise<void> {
    return this.append(this.dataSource.manager, entries);
  }
}
