/** Environment variables through which global-setup hands the test servers to the test files. */
export const HARNESS_ENV = {
  /** This test file's own database (set per file by per-file-database.ts). */
  databaseUrl: 'VP_TEST_DATABASE_URL',
  /** The migrated database every file's own database is copied from; no test connects to it. */
  templateDatabaseUrl: 'VP_TEST_TEMPLATE_DATABASE_URL',
  temporalAddress: 'VP_TEST_TEMPORAL_ADDRESS',
  testServerPath: 'VP_TEST_TEMPORAL_TEST_SERVER',
  cliPath: 'VP_TEST_TEMPORAL_CLI',
} as const;

export interface HarnessState {
  scratch: string;
  stop: Array<() => Promise<void>>;
}
