import { ConfigurationError } from '../config/configuration';
import { StartupError } from './dependencies';

/**
 * Runs a process's start-up; a configuration or connection problem ends the process with one
 * line naming it (exit 78, "configuration error"). SIGINT/SIGTERM run the returned stop function once.
 */
export async function runMain(
  name: string,
  start: () => Promise<() => Promise<void>>,
): Promise<void> {
  let stop: () => Promise<void>;
  try {
    stop = await start();
  } catch (error) {
    if (error instanceof ConfigurationError || error instanceof StartupError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exit(78);
    }
    process.stderr.write(
      `${name}: start-up failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  }
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${name}: error while stopping after ${signal}: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
