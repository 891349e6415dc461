/** One root config: unit specs beside the code, integration and e2e suites under tests/. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j)s$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|load-esm|@standard-schema|uint8array-extras|strtok3|token-types|@tokenizer|@borewit)/)',
  ],
  moduleNameMapper: {
    '^@app/([^/]+)$': '<rootDir>/libs/$1/src',
    '^@app/([^/]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
    '^@tools/([^/]+)$': '<rootDir>/tools/$1/src',
    '^@tools/([^/]+)/(.*)$': '<rootDir>/tools/$1/src/$2',
  },
  testEnvironment: 'node',
};
module.exports = {
  // Integration suites start real processes; a unit test never comes near this.
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/tools/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/**/*.e2e-spec.ts', '<rootDir>/tests/**/*.int-spec.ts'],
    },
    {
      // Fault injection and hostile input against real processes (`npm run test:chaos`);
      // CHAOS_SIZE=full runs the issue-sized loads, the default is the size CI runs.
      ...common,
      displayName: 'chaos',
      testMatch: ['<rootDir>/tests/chaos/**/*.chaos-spec.ts'],
      globalSetup: '<rootDir>/tests/chaos/global-setup.ts',
      globalTeardown: '<rootDir>/tests/chaos/global-teardown.ts',
    },
  ],
};
