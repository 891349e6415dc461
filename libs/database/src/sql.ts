import type { EntityManager } from 'typeorm';
import { PREPARED } from './preparing-client';

/**
 * Runs an UPDATE/DELETE … RETURNING and gives its rows. TypeORM's postgres driver answers such
 * statements with `[rows, rowCount]` instead of the rows, unlike SELECT and INSERT.
 */
export async function returningRows<T>(
  m: Pick<EntityManager, 'query'>,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const raw: unknown = await m.query(sql, params);
  if (
    Array.isArray(raw) &&
    raw.length === 2 &&
    Array.isArray(raw[0]) &&
    typeof raw[1] === 'number'
  ) {
    return raw[0] as T[];
  }
  return raw as T[];
}

/**
 * Several writes sent as one statement (data-modifying CTEs): one round trip instead of one per
 * write, all applied or none. The writes share one snapshot, so none may read what another
 * writes (a later part may read an earlier part's RETURNING rows by name); foreign keys are
 * checked at the end of the statement, so a row and the rows that refer to it can go together.
 */
export class SqlBatch {
  private readonly values: unknown[] = [];
  private readonly parts: { name: string; sql: string }[] = [];

  /** `prepared`: the statement is marked PREPARED (same text every time: a hot path). */
  constructor(private readonly opts: { prepared?: boolean } = {}) {}

  /** A placeholder ($n) for `value`. */
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** Adds one INSERT/UPDATE/DELETE; returns the name its RETURNING rows can be read by. */
  add(sql: string, name = `w${this.parts.length}`): string {
    this.parts.push({ name, sql });
    return name;
  }

  get size(): number {
    return this.parts.length;
  }

  /** Runs the writes; `select` (default: nothing) reads the parts' RETURNING rows. */
  async run<T = unknown>(m: EntityManager, select = 'SELECT 1 AS done'): Promise<T[]> {
    if (this.parts.length === 0) return [];
    const sql = `${this.opts.prepared ? PREPARED : ''}WITH ${this.parts.map((p) => `${p.name} AS (${p.sql})`).join(',\n')}\n${select}`;
    return m.query<T[]>(sql, this.values);
  }
}

/**
 * The WHERE clause of a list with optional filters, and its parameters: `add('ward = ?', v)`
 * adds a condition whose one `?` becomes the next placeholder; `param(v)` gives a placeholder
 * for a condition written by hand (`and(...)`).
 */
export class SqlWhere {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(sql: string, value: unknown): this {
    return this.and(sql.replace('?', this.param(value)));
  }

  and(sql: string): this {
    this.conditions.push(sql);
    return this;
  }

  /** `WHERE a AND b …`, or nothing when no filter was given. */
  get clause(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}
