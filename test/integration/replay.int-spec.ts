import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { EncryptionCodec } from '../../src/temporal/encryption-codec';
import { parsePayloadKeys } from '../../src/config/payload-keys';
import { FAILURE_CONVERTER_PATH } from '../../src/temporal/temporal-connection';
import { TEST_PAYLOAD_KEYS } from './harness/app-harness';
import { REPLAY_CORPUS_DIR } from './harness/replay-corpus';

/**
 * Every recorded history in test/replay-corpus/ must replay against today's workflow code
 * without a non-determinism error: this is what guards running cases from a workflow change.
 */
describe('replay corpus', () => {
  const files = readdirSync(REPLAY_CORPUS_DIR).filter((f) => f.endsWith('.json'));

  it('holds histories of both workflow types', () => {
    expect(files.some((f) => f.startsWith('case-'))).toBe(true);
    expect(files.some((f) => f.startsWith('session-'))).toBe(true);
  });

  it('replays every history against the current workflow code', async () => {
    const histories = files.map((file) => ({
      workflowId: file.replace(/\.json$/, ''),
      history: historyFromJSON(JSON.parse(readFileSync(join(REPLAY_CORPUS_DIR, file), 'utf8'))),
    }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      {
        workflowsPath: require.resolve('../../workflows'),
        replayName: 'replay-corpus',
        // Histories recorded from the encrypted test stack open with its test-only key.
        dataConverter: {
          payloadCodecs: [new EncryptionCodec(parsePayloadKeys(TEST_PAYLOAD_KEYS))],
          failureConverterPath: FAILURE_CONVERTER_PATH,
        },
      },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    expect(failures).toEqual([]);
  });
});
