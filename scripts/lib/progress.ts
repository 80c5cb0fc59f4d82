/** Progress lines for long set-up steps, on stderr so they never mix with JSON logs on stdout. */
export function say(message: string): void {
  process.stderr.write(`[vehicle-permit] ${message}\n`);
}

export async function step<T>(title: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  say(`${title} …`);
  try {
    const result = await run();
    say(`${title}: done in ${seconds(started)}`);
    return result;
  } catch (error) {
    say(`${title}: failed after ${seconds(started)}`);
    throw error;
  }
}

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** A provisioning problem the user must fix; printed as one line without a stack. */
export class ProvisioningError extends Error {
  override readonly name = 'ProvisioningError';
}
