/**
 * The processes of a TipTrace stack, as built into dist/ by `npm run build`: what `npm start`
 * supervises, and what the development tools start for tests, the demo and the benchmark.
 */
export const APPS = {
  api: 'dist/apps/api/src/main.js',
  'triage-worker': 'dist/apps/triage-worker/src/main.js',
  'linkage-worker': 'dist/apps/linkage-worker/src/main.js',
  'outcome-worker': 'dist/apps/outcome-worker/src/main.js',
  dispatcher: 'dist/apps/dispatcher/src/main.js',
  housekeeper: 'dist/apps/housekeeper/src/main.js',
} as const;
export type AppName = keyof typeof APPS;

/** The product's CLI, whose `migrate` is the explicit migration step (`npm run migrate`). */
export const CLI = 'dist/apps/cli/src/main.js';

/** The development tools' CLI: `demo`, `bench`, `eval-triage`. */
export const TOOLS_CLI = 'dist/tools/cli/src/main.js';
