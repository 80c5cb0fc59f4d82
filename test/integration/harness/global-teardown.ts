import { rmSync } from 'node:fs';
import type { HarnessState } from './harness-env';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __harness?: HarnessState }).__harness;
  if (!state) return;
  for (const stop of state.stop) await stop().catch(() => undefined);
  rmSync(state.scratch, { recursive: true, force: true });
}
