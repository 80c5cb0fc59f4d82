/** Environment variables through which global-setup hands the test servers to the test files. */
export const HARNESS_ENV = {
  databaseUrl: 'VP_TEST_DATABASE_URL',
  temporalAddress: 'VP_TEST_TEMPORAL_ADDRESS',
  testServerPath: 'VP_TEST_TEMPORAL_TEST_SERVER',
  cliPath: 'VP_TEST_TEMPORAL_CLI',
} as const;

export interface HarnessState {
  scratch: string;
  stop: Array<() => Promise<void>>;
}
