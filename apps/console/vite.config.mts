import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The console is static files served by the API at `/` (dist/console). Vite's own Oxc transform
// compiles the TSX with React's automatic JSX runtime; no inline script is emitted, so the page CSP
// can stay script-src 'self'.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: resolve(import.meta.dirname, 'public'),
  oxc: { jsx: { runtime: 'automatic' } },
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
