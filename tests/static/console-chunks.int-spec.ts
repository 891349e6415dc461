import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The console's bundle stays split per role: a citizen's browser (the entry and what it imports:
 * public pages, login, the shell) never receives a staff page's code. Vite builds in memory
 * (nothing written), and the chunks' module lists are read from its output.
 */
const root = join(__dirname, '..', '..');
const run = promisify(execFile);
const MARK = 'CHUNKS_JSON:';

const BUILD = `
import { build } from 'vite';
const out = await build({
  configFile: 'apps/console/vite.config.mts',
  logLevel: 'silent',
  build: { write: false },
});
const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output);
const chunks = outputs
  .filter((c) => c.type === 'chunk')
  .map((c) => ({
    file: c.fileName,
    isEntry: c.isEntry,
    imports: c.imports,
    modules: c.moduleIds.map((id) => id.slice(process.cwd().length + 1)),
  }));
console.log('${MARK}' + JSON.stringify(chunks));
`;

interface Chunk {
  file: string;
  isEntry: boolean;
  imports: string[];
  modules: string[];
}

const PAGES = 'apps/console/src/pages/';
/** What a visitor without an account may open. */
const PUBLIC_PAGES = ['public-home', 'public-tip', 'follow-up', 'login'];

describe('console bundle (vite build)', () => {
  let chunks: Chunk[];

  beforeAll(async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', BUILD], {
      cwd: root,
      maxBuffer: 32 * 1024 * 1024,
    });
    const line = stdout.split('\n').find((l) => l.startsWith(MARK));
    chunks = JSON.parse(line!.slice(MARK.length)) as Chunk[];
  }, 120_000);

  // A page's code (its .tsx); the stylesheet a page imports beside it is not a page.
  const pageOf = (module: string) =>
    module.startsWith(PAGES) && /\.tsx?$/.test(module)
      ? module.slice(PAGES.length).replace(/\.tsx?$/, '')
      : null;

  it("loads no staff page's code for the public pages", () => {
    const first = new Set<string>();
    const visit = (file: string) => {
      if (first.has(file)) return;
      first.add(file);
      chunks.find((c) => c.file === file)?.imports.forEach(visit);
    };
    chunks.filter((c) => c.isEntry).forEach((c) => visit(c.file));
    const loaded = chunks.filter((c) => first.has(c.file)).flatMap((c) => c.modules);
    const pagesLoaded = loaded.map(pageOf).filter((p): p is string => p !== null);
    // The public pages are there (the check looks where the code is)...
    expect(pagesLoaded).toEqual(expect.arrayContaining(PUBLIC_PAGES));
    // ...and nothing else from the pages.
    expect(pagesLoaded.filter((p) => !PUBLIC_PAGES.includes(p))).toEqual([]);
    // Nor their stylesheets: a page's own rules come with its chunk.
    const sheets = loaded.filter((m) => m.startsWith(PAGES) && m.endsWith('.css'));
    expect(sheets).toContain(`${PAGES}public-tip.css`);
    expect(sheets.filter((m) => !PUBLIC_PAGES.some((p) => m === `${PAGES}${p}.css`))).toEqual([]);
  });

  it('gives the staff pages chunks of their own', () => {
    const staff = chunks
      .filter((c) => !c.isEntry)
      .flatMap((c) => c.modules.map(pageOf))
      .filter((p): p is string => p !== null && !PUBLIC_PAGES.includes(p));
    expect(staff).toEqual(
      expect.arrayContaining(['intake', 'review', 'leads', 'cases', 'dashboard', 'trace']),
    );
  });
});
