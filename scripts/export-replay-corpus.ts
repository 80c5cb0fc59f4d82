// `npm run replay:export -- --case <id> [--case <id> …] [--workflow-id <id>] [--query '<visibility
// query>' --limit 20] [--prefix <name>] [--out <dir>] [--force] [--confirm-personal-data]`:
// exports the histories of chosen running or closed workflows from the configured Temporal into
// test/replay-corpus/, re-sealed with the corpus's test-only key, so the replay test checks every
// later workflow change against them (docs/workflows.md, "Replay corpus").
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../src/config/configuration';
import { EncryptionCodec } from '../src/temporal/encryption-codec';
import { parsePayloadKeys } from '../src/config/payload-keys';
import { temporalConnectionOptions } from '../src/temporal/temporal-connection';
import { say } from './lib/progress';
import {
  exportHistories,
  parseExportArguments,
  REPLAY_CORPUS_PAYLOAD_KEYS,
  selectWorkflowIds,
} from './lib/replay-export';

async function main(): Promise<void> {
  const args = parseExportArguments(process.argv.slice(2));
  const config = loadConfig();
  const corpusKeys = parsePayloadKeys(REPLAY_CORPUS_PAYLOAD_KEYS);
  const ownKeys = config.temporal.payloadKeys;
  const sameKeys =
    ownKeys !== undefined &&
    [...ownKeys.keys].every(([id, key]) => corpusKeys.keys.get(id)?.equals(key) === true);
  if (!sameKeys && !args.confirmPersonalData) {
    // The corpus key is public (it is in the repository): re-sealed histories of real cases are
    // as good as plain text to anyone who can read the repository.
    throw new Error(
      'these histories are sealed with other keys than the test key: exported, they would carry ' +
        'the cases’ personal data (plates, VINs, justifications) readable by anyone with the ' +
        'repository. Export from a test or staging namespace, or pass --confirm-personal-data',
    );
  }
  const address = config.temporal.address ?? `127.0.0.1:${config.temporal.embedded.port}`;
  const connection = await Connection.connect(temporalConnectionOptions(config.temporal, address));
  try {
    const client = new Client({ connection, namespace: config.temporal.namespace });
    const workflowIds = await selectWorkflowIds(client, args);
    if (workflowIds.length === 0) {
      say('no workflow matches: nothing exported');
      return;
    }
    const written = await exportHistories(client, workflowIds, {
      outDir: args.outDir ?? join(__dirname, '..', '..', 'test', 'replay-corpus'),
      force: args.force,
      prefix: args.prefix,
      from: ownKeys ? [new EncryptionCodec(ownKeys)] : [],
      to: [new EncryptionCodec(corpusKeys)],
    });
    for (const file of written) say(`exported ${file}`);
    say(
      `${written.length} histor${written.length === 1 ? 'y' : 'ies'} exported; the replay test ` +
        '(npx jest --selectProjects integration --testPathPatterns replay) now replays them',
    );
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  say(`could not export histories: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
