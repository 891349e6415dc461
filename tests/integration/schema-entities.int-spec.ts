import { Client } from 'pg';
import { DataSource, EntityMetadata } from 'typeorm';
import { dataSourceOptions, ENTITIES } from '@app/database';
import { newTestEnv, TestEnv } from '@app/testing';

/**
 * Tables the migrations leave that are not the product's and so have no entity:
 * - `migrations`: TypeORM's record of the migrations applied;
 * - `typeorm_metadata`: TypeORM's own bookkeeping (where it keeps generated columns'
 *   expressions), created by the migration run when an entity has a generated column.
 * Partitions are left out too (none today): a partition holds its parent table's rows and is
 * reached through the parent's entity.
 */
const NOT_ENTITIES = ['migrations', 'typeorm_metadata'];

/**
 * What the migrations declare and TypeORM has no way to: the clause TypeORM leaves out of the
 * constraint, by table and constraint. The entity says so in a comment; here the migrated
 * definition must be the entities' one plus exactly this.
 */
const BEYOND_TYPEORM: Record<string, string> = {
  'funnel_case_keys constraint PK_funnel_case_keys': ' INCLUDE (prev_day, next_day)',
};

async function createDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/**
 * The schema of the product's tables as PostgreSQL prints it, one line per column, constraint
 * and index: names, types, nullability, defaults and generation expressions, key and constraint
 * definitions, index definitions (columns in order, uniqueness, method, predicate, INCLUDE).
 * Triggers and functions are not TypeORM's and are left out.
 */
async function describeSchema(ds: DataSource): Promise<string[]> {
  const rows: { line: string }[] = await ds.query(
    `WITH t AS (
       SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> ALL ($1)
     )
     SELECT t.relname || ' column ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
            || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
            || CASE WHEN a.attgenerated = 's'
                      THEN ' GENERATED ALWAYS AS (' || pg_get_expr(d.adbin, d.adrelid) || ') STORED'
                    WHEN d.adbin IS NOT NULL THEN ' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid)
                    ELSE '' END AS line
     FROM t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     UNION ALL
     SELECT t.relname || ' constraint ' || k.conname || ' ' || pg_get_constraintdef(k.oid)
     FROM t JOIN pg_constraint k ON k.conrelid = t.oid
     UNION ALL
     SELECT t.relname || ' index ' || i.relname || ' ' || pg_get_indexdef(x.indexrelid)
     FROM t JOIN pg_index x ON x.indrelid = t.oid JOIN pg_class i ON i.oid = x.indexrelid
     WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k
                       WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))
     ORDER BY 1`,
    [NOT_ENTITIES],
  );
  return rows.map((r) => r.line);
}

/** Indexes an entity names with `synchronize: false`: there, but not TypeORM's to build. */
const unsyncedIndexes = (metadatas: EntityMetadata[]) =>
  metadatas.flatMap((m) =>
    m.indices.filter((i) => !i.synchronize).map((i) => `${m.tableName} index ${i.name}`),
  );

/**
 * The entities (libs/database/src/entities) describe the schema the migrations build. Three
 * checks on a freshly migrated database: every table has an entity; TypeORM, asked what it would
 * change to make the database match the entities, would change nothing (its list of statements is
 * the drift); and a database TypeORM builds from the entities alone is the migrated one, line for
 * line of the catalog, which also covers what TypeORM's own comparison overlooks (index predicates
 * and column order, key column order, constraint names and definitions).
 */
describe('entities match the migrated schema', () => {
  let migratedEnv: TestEnv;
  let builtEnv: TestEnv;
  let migrated: DataSource;

  beforeAll(async () => {
    migratedEnv = newTestEnv('schema_migrated');
    await createDatabase(migratedEnv.databaseUrl);
    migrated = new DataSource({
      ...dataSourceOptions(migratedEnv.databaseUrl, 2),
      entities: ENTITIES,
      synchronize: false,
    });
    await migrated.initialize();
    await migrated.runMigrations({ transaction: 'each' });
    // TypeORM reads a generated column's expression from typeorm_metadata, which it fills only
    // when it creates the column itself; the migrations add them by hand. Record there what
    // PostgreSQL has, so TypeORM compares the entities' expressions with the database's. The
    // table exists only while an entity has a generated column.
    const [{ meta }] = await migrated.query<{ meta: boolean }[]>(
      `SELECT to_regclass('typeorm_metadata') IS NOT NULL AS meta`,
    );
    if (meta)
      await migrated.query(
        `INSERT INTO typeorm_metadata (type, database, schema, "table", name, value)
       SELECT 'GENERATED_COLUMN', current_database(), table_schema, table_name, column_name,
              generation_expression
       FROM information_schema.columns
       WHERE table_schema = current_schema() AND is_generated = 'ALWAYS'`,
      );
  });

  afterAll(async () => {
    await migrated?.destroy();
    await migratedEnv?.cleanup();
    await builtEnv?.cleanup();
  });

  it('every table of the migrated schema has an entity', async () => {
    const rows: { name: string }[] = await migrated.query(
      `SELECT CASE WHEN n.nspname = current_schema() THEN c.relname
                   ELSE n.nspname || '.' || c.relname END AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
         AND n.nspname NOT IN ('pg_catalog', 'information_schema')
         AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`,
    );
    const tables = rows
      .map((r) => r.name)
      .filter((t) => !NOT_ENTITIES.includes(t))
      .sort();
    const entityTables = migrated.entityMetadatas.map((m) => m.tableName).sort();
    expect(entityTables).toEqual(tables);
  });

  it('TypeORM would change nothing to make the database match the entities', async () => {
    const { upQueries } = await migrated.driver.createSchemaBuilder().log();
    expect(upQueries.map((q) => q.query)).toEqual([]);
  });

  it('a database built from the entities alone is the migrated one', async () => {
    builtEnv = newTestEnv('schema_entities');
    await createDatabase(builtEnv.databaseUrl);
    const built = new DataSource({
      ...dataSourceOptions(builtEnv.databaseUrl, 2),
      entities: ENTITIES,
      migrations: [],
    });
    await built.initialize();
    try {
      // What the entities stand on and cannot declare: the extensions, and the functions a
      // generated column calls (all of the migrations' own functions, copied as they are).
      const extensions: { name: string }[] = await migrated.query(
        `SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY oid`,
      );
      for (const e of extensions) await built.query(`CREATE EXTENSION "${e.name}"`);
      const functions: { def: string }[] = await migrated.query(
        `SELECT pg_get_functiondef(p.oid) AS def
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = current_schema() AND NOT EXISTS (
           SELECT 1 FROM pg_depend d
           WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
         ORDER BY p.oid`,
      );
      for (const f of functions) await built.query(f.def);
      await built.synchronize();

      const unsynced = unsyncedIndexes(built.entityMetadatas);
      const isUnsynced = (line: string) => unsynced.some((u) => line.startsWith(`${u} `));
      const fromMigrations = await describeSchema(migrated);
      const fromEntities = (await describeSchema(built)).map((line) => {
        const key = Object.keys(BEYOND_TYPEORM).find((k) => line.startsWith(`${k} `));
        return key ? line + BEYOND_TYPEORM[key] : line;
      });
      // The indexes TypeORM is told to leave alone must exist all the same.
      expect(unsynced.filter((u) => !fromMigrations.some((l) => l.startsWith(`${u} `)))).toEqual(
        [],
      );
      expect({
        onlyInMigrations: fromMigrations.filter((l) => !fromEntities.includes(l) && !isUnsynced(l)),
        onlyFromEntities: fromEntities.filter((l) => !fromMigrations.includes(l)),
      }).toEqual({ onlyInMigrations: [], onlyFromEntities: [] });
    } finally {
      await built.destroy();
    }
  });
});
