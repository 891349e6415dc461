// @ts-check
/**
 * ESLint 10 flat config: type-aware typescript-eslint (projectService finds the root tsconfig.json,
 * which includes apps/, libs/ and tests/), import cycles through the `@app/*` paths, and a
 * relaxed `no-unsafe-*` set in tests (supertest bodies and jest mocks are `any`).
 * Formatting is Prettier's job (`prettier --check .`), not ESLint's.
 */
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The libs in layers (docs/architecture.md, "Layers"): a lib imports only foundations and libs of
 * lower layers; a foundation imports no pipeline lib. Apps compose any libs.
 */
const FOUNDATIONS = [
  'config',
  'contracts',
  'crypto',
  'database',
  'observability',
  'dispatch',
  'audit',
  'auth',
];
const PIPELINE_LAYERS = [
  ['tips', 'cases'],
  ['triage', 'evidence', 'notifications'],
  ['linkage'],
  ['leads'],
  ['decisions'],
  ['reports', 'retention'],
];
const PIPELINE = PIPELINE_LAYERS.flat();
const lib = (name) => `./libs/${name}`;
const LAYER_ZONES = [
  ...FOUNDATIONS.map((name) => ({
    target: lib(name),
    from: PIPELINE.map(lib),
    message: `${name} is a foundation: it imports no pipeline lib (docs/architecture.md, "Layers").`,
  })),
  ...PIPELINE_LAYERS.flatMap((layer, i) =>
    layer.map((name) => ({
      target: lib(name),
      from: PIPELINE_LAYERS.slice(i)
        .flat()
        .filter((other) => other !== name)
        .map(lib),
      message: `${name} imports only foundations and lower layers (docs/architecture.md, "Layers").`,
    })),
  ),
].filter((zone) => zone.from.length > 0);

/** The product (apps, libs) never imports the development tools (tools/); tests and specs may. */
const TOOLS_ZONE = {
  target: ['./apps', './libs'],
  from: './tools',
  message: 'The product does not import development tools (tools/); see docs/architecture.md.',
};

const TEST_FILES = [
  '**/*.spec.ts',
  '**/*.e2e-spec.ts',
  '**/*.int-spec.ts',
  'tests/**/*.ts',
  'libs/testing/**/*.ts',
];

export default defineConfig(
  globalIgnores([
    '**/dist/**',
    '**/node_modules/**',
    '**/coverage/**',
    'tests/artifacts/**',
    'test-artifacts/**',
    'bench-results/**',
    'jest.config.js',
    '**/*.js',
    '**/*.cjs',
    '**/*.mjs',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    plugins: { 'import-x': importX },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    settings: {
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: 'tsconfig.json', alwaysTryTypes: true }),
      ],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES }],
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...LAYER_ZONES, TOOLS_ZONE] }],
    },
  },
  {
    // The web console runs in the browser (its own tsconfig: DOM, JSX).
    files: ['apps/console/**/*.ts', 'apps/console/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: TEST_FILES,
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // expect(mock.method).toHaveBeenCalled() passes methods unbound on purpose.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
