// Two projects: fast unit tests (stubs allowed) and integration tests against a real Temporal
// dev server, a real PostgreSQL and Temporal's time-skipping test server, which the harness
// provisions, starts on free ports and tears down (test/integration/harness/).
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};

module.exports = {
  // One test file at a time: 2 cores, and integration files share the harness's servers.
  maxWorkers: 1,
  // Files in a fixed order, or shuffled with a printed seed (TEST_SEED): test/seeded-sequencer.js.
  testSequencer: '<rootDir>/test/seeded-sequencer.js',
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: [
        '<rootDir>/src',
        '<rootDir>/workflows',
        '<rootDir>/activities',
        '<rootDir>/scripts',
        '<rootDir>/test/unit',
        '<rootDir>/web/src',
      ],
      testMatch: ['**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/integration/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/harness/global-teardown.ts',
      setupFilesAfterEnv: [
        '<rootDir>/test/integration/harness/timeouts.ts',
        '<rootDir>/test/integration/harness/per-file-database.ts',
      ],
    },
  ],
};
