import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SqlBatch } from '@app/database';
import type { AuditEntry } from './audit-entry';
import { AuditRepository } from './audit.repository';

// PostgreSQL text cannot hold NUL, and jsonb refuses NUL and unpaired surrogates: either would
// fail the insert, and with it the request being audited.
// eslint-disable-next-line no-control-regex -- NUL is exactly what must go
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// JSON.stringify writes NUL as \u0000 and an unpaired surrogate as \udXXX (a pair stays as it
// is): a value whose JSON holds neither has nothing to replace. (A typed backslash before
// "u0000" matches too; such a value is walked, to no change.)
const ESCAPED_UNSTORABLE = /\\u0000|\\ud[89a-f][0-9a-f]{2}/i;

/** `value` with every string made storable: NUL and unpaired surrogates become U+FFFD. */
export function storable<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    // Nearly every entry is clean: one stringify instead of a walk that copies every object.
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      json = undefined;
    }
    if (json !== undefined && !ESCAPED_UNSTORABLE.test(json)) return value;
  }
  return walk(value);
}

function walk<T>(value: T): T {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map((v: unknown) => walk(v)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [walk(k), walk(v)])) as T;
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
  constructor(
    private readonly dataSource: DataSource,
    private readonly entries: AuditRepository = new AuditRepository(),
  ) {}

  async append(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
    const batch = new SqlBatch();
    this.appendTo(batch, entries);
    await batch.run(manager);
  }

  /**
   * Adds the entries' INSERT to `batch`, to be written with the change they record in one
   * statement; `when` (SQL) writes them only if it holds, e.g. only if the change happened.
   */
  appendTo(batch: SqlBatch, entries: AuditEntry[], when?: string): void {
    if (entries.length === 0) return;
    // Entries carry what a client sent (a list's filter, a route's id): keep it, made storable.
    entries = entries.map((e) => storable(e));
    this.entries.insertTo(batch, entries, when);
  }

  /**
   * Adds to `batch` the entries a query yields (columns actor, role, action, entity_type,
   * entity_id, outcome, reason, detail), for entries about rows the same batch writes, such as
   * the rows an UPDATE … RETURNING of the batch changed. The query's text values come from the
   * caller's parameters, which it has made storable.
   */
  appendFromTo(batch: SqlBatch, source: string): void {
    this.entries.insertFromTo(batch, source);
  }

  /** For changes that have no transaction of their own (reads, refused logins). */
  record(entries: AuditEntry[]): Promise<void> {
    return this.append(this.dataSource.manager, entries);
  }
}
