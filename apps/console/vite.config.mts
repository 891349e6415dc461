import { relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const kB = (n: number) => `${(n / 1000).toFixed(2)} kB`;

/**
 * Prints each chunk's size (raw and gzip) after a build, even at logLevel 'warn', with the
 * source pages it holds: the entry is what every visitor loads (the public pages, login and the
 * shell); each staff page is a chunk of its own, loaded only by the roles that open it.
 */
function chunkReport(): Plugin {
  return {
    name: 'tiptrace-chunk-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const rows: string[][] = [];
      const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
      const pagesOf = (ids: string[]) =>
        ids
          .map((id) => relative(import.meta.dirname, id))
          .filter((id) => /^src\/pages\/.*\.tsx?$/.test(id))
          .map((id) => id.slice('src/pages/'.length).replace(/\.tsx?$/, ''))
          .join(' ');
      const loadedFirst = new Set<string>();
      const visit = (file: string) => {
        if (loadedFirst.has(file)) return;
        loadedFirst.add(file);
        const chunk = chunks.find((c) => c.fileName === file);
        chunk?.imports.forEach(visit);
      };
      chunks.filter((c) => c.isEntry).forEach((c) => visit(c.fileName));
      let first = 0;
      for (const c of [...chunks].sort((a, b) => a.code.length - b.code.length)) {
        const bytes = Buffer.byteLength(c.code);
        const gzip = gzipSync(c.code).length;
        if (loadedFirst.has(c.fileName)) first += gzip;
        const kind = c.isEntry ? 'entry' : c.isDynamicEntry ? 'lazy' : 'shared';
        rows.push([c.fileName, kB(bytes), kB(gzip), kind, pagesOf(c.moduleIds)]);
      }
      // Each page's and component's stylesheet goes with the chunk that imports it: the entry's
      // styles load with the page, a staff page's only with its chunk.
      const cssOf = (c: (typeof chunks)[number]) =>
        c.viteMetadata?.importedCss ?? new Set<string>();
      const known = chunks.some((c) => cssOf(c).size > 0);
      for (const a of Object.values(bundle)) {
        if (a.type !== 'asset' || !a.fileName.endsWith('.css')) continue;
        const gzip = gzipSync(a.source).length;
        const users = chunks.filter((c) => cssOf(c).has(a.fileName));
        const early = !known || users.some((c) => loadedFirst.has(c.fileName));
        if (early) first += gzip;
        const pages = users.map((c) => pagesOf(c.moduleIds)).filter(Boolean);
        const kind = early ? 'styles' : 'styles, lazy';
        rows.push([a.fileName, kB(Buffer.byteLength(a.source)), kB(gzip), kind, pages.join(' ')]);
      }
      const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
      const line = (r: string[]) =>
        r
          .map((cell, i) =>
            i === 1 || i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]),
          )
          .join('  ')
          .trimEnd();
      process.stdout.write(
        `console chunks (size, gzip, kind, pages):\n${rows.map((r) => `  ${line(r)}`).join('\n')}\n` +
          `  loaded by every visitor (the entry, what it imports, their styles): ${kB(first)} gzip\n`,
      );
    },
  };
}

// The console is static files served by the API at `/` (dist/console). Vite's own Oxc transform
// compiles the TSX with React's automatic JSX runtime; no inline script is emitted, so the page CSP
// can stay script-src 'self'.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: resolve(import.meta.dirname, 'public'),
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [chunkReport()],
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/console'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  logLevel: 'warn',
});
