import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const REPLAY_CORPUS_DIR = join(__dirname, '..', '..', 'replay-corpus');

/**
 * With RECORD_REPLAY_CORPUS=1, tests save the histories of representative runs into
 * test/replay-corpus/, which the replay test then replays against every later workflow change.
 * Re-record only deliberately (a new workflow version), never to make the replay test pass.
 */
export async function recordForReplay(
  client: Client,
  name: string,
  workflowId: string,
  runId?: string,
): Promise<void> {
  if (process.env.RECORD_REPLAY_CORPUS !== '1') return;
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  mkdirSync(REPLAY_CORPUS_DIR, { recursive: true });
  writeFileSync(join(REPLAY_CORPUS_DIR, `${name}.json`), historyToJSON(history));
}
