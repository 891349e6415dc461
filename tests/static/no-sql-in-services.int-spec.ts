import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

/**
 * One data layer (docs/architecture.md, "Schema and entities"): SQL lives in repositories, and
 * services, controllers, processors, projectors, writers and the like hold none. This reads every
 * source file of apps/ and libs/ and fails when a string or template literal outside the data
 * layer holds an SQL statement.
 */
const root = join(__dirname, '..', '..');

/** Statements, as a literal holds them (template substitutions read as a name). */
const STATEMENTS = [
  /\bSELECT\b[\s\S]*?\bFROM\b/i,
  /\bINSERT\s+INTO\b/i,
  /\bUPDATE\s+\w+(?:\s+\w+)?\s+SET\b/i,
  /\bDELETE\s+FROM\b/i,
  /\bWITH\s+(?:RECURSIVE\s+)?\w+\s+AS\s*(?:(?:NOT\s+)?MATERIALIZED\s*)?\(/i,
];

/** The data layer: the files that may hold SQL. */
const DATA_LAYER: ((file: string) => boolean)[] = [
  (f) => f.endsWith('.repository.ts'),
  // The data source, the migrations (the schema) and the schema check.
  (f) => f.startsWith('libs/database/'),
  // The tip's stage machine: the one statement that moves a tip.
  (f) => f === 'libs/tips/src/tip-stages.ts',
  // The attachment store's PostgreSQL adapter (chunks in attachment_chunks).
  (f) => f === 'libs/evidence/src/postgres-attachment.store.ts',
  // Test support (databases per test, record checks), not the product.
  (f) => f.startsWith('libs/testing/'),
];

/**
 * Files whose SQL is still on its way into their lib's repositories. Each entry goes once its
 * file is clean; an entry whose file holds no SQL any more fails the last test below.
 */
const PENDING = new Set<string>([]);

/** The SQL statements held in the literals of `source`, each with its line. */
function sqlLiterals(file: string, source: string): { line: number; text: string }[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) {
      text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' x ');
    }
    if (text !== undefined && STATEMENTS.some((re) => re.test(text))) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      found.push({ line, text: text.replace(/\s+/g, ' ').trim().slice(0, 60) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(path));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') && !e.name.endsWith('.d.ts')) {
      out.push(relative(root, path).split('\\').join('/'));
    }
  }
  return out;
}

const files = ['apps', 'libs']
  .flatMap((d) => sources(join(root, d)))
  .filter((f) => !f.includes('/node_modules/'));
const holding = new Map(
  files
    .map((f) => [f, sqlLiterals(f, readFileSync(join(root, f), 'utf8'))] as const)
    .filter(([, found]) => found.length > 0),
);

describe('one data layer: SQL only in repositories', () => {
  it('recognises statements, and not prose', () => {
    const src = `
      const a = 'SELECT id FROM tips WHERE id = $1';
      const b = \`UPDATE leads l SET priority = \${p} WHERE id = $1\`;
      const c = \`INSERT INTO outbox (queue) VALUES ($1)\`;
      const d = 'DELETE FROM attachment_chunks WHERE attachment_id = $1';
      const e = \`WITH q AS MATERIALIZED (SELECT 1) SELECT * FROM q\`;
      const f = \`UPDATE \${table} SET x = 1\`;
      const g = 'choose a ward from the list, then select it';
      const h = 'the tip is rejected: only a held tip can be decided so';
    `;
    expect(sqlLiterals('sample.ts', src).map((s) => s.line)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('finds SQL in the repositories it reads', () => {
    expect(holding.has('libs/cases/src/cases.repository.ts')).toBe(true);
    expect(holding.has('libs/tips/src/tips.repository.ts')).toBe(true);
  });

  it('no service, controller, processor, projector or writer holds SQL', () => {
    const outside = [...holding]
      .filter(([f]) => !DATA_LAYER.some((inLayer) => inLayer(f)) && !PENDING.has(f))
      .map(([f, found]) => `${f}:${found[0].line} ${found[0].text}`);
    expect(outside).toEqual([]);
  });

  it('lists as pending only files that still hold SQL', () => {
    expect([...PENDING].filter((f) => !holding.has(f))).toEqual([]);
  });
});
