import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import request from 'supertest';
import {
  exportHistories,
  parseExportArguments,
  REPLAY_CORPUS_PAYLOAD_KEYS,
  selectWorkflowIds,
} from '../../scripts/lib/replay-export';
import { EncryptionCodec } from '../../src/temporal/encryption-codec';
import { generatePayloadKey, parsePayloadKeys } from '../../src/config/payload-keys';
import { FAILURE_CONVERTER_PATH } from '../../src/temporal/temporal-connection';
import { caseWorkflowId } from '../../workflows/case/case.messages';
import {
  eventually,
  RunningStack,
  startStack,
  TEST_PAYLOAD_KEYS,
  testConfig,
} from './harness/app-harness';
import { createAgency, signedIn } from './harness/identity';

/**
 * `npm run replay:export`: histories of chosen running or closed workflows, from a deployment
 * sealed with its own key, land in the corpus sealed with the corpus's test key, and replay.
 */
describe('operations: exporting histories into the replay corpus', () => {
  let stack: RunningStack;
  let outDir: string;
  const ownKeys = generatePayloadKey('deployment-1');

  beforeAll(async () => {
    // A deployment with a key of its own, not the test key.
    stack = await startStack(testConfig({ TEMPORAL_PAYLOAD_KEYS: ownKeys }));
    outDir = mkdtempSync(join(tmpdir(), 'replay-export-'));
  });
  afterAll(async () => {
    rmSync(outDir, { recursive: true, force: true });
    await stack?.close();
  });

  it('seals the corpus with the very key the replay test opens it with', () => {
    expect(REPLAY_CORPUS_PAYLOAD_KEYS).toBe(TEST_PAYLOAD_KEYS);
  });

  it('reads its arguments strictly', () => {
    const id = '7d3f0c1e-1b2a-4c5d-8e9f-0a1b2c3d4e5f';
    expect(parseExportArguments(['--case', id, '--limit', '5', '--force'])).toMatchObject({
      caseIds: [id],
      limit: 5,
      force: true,
    });
    expect(() => parseExportArguments([])).toThrow(/name what to export/);
    expect(() => parseExportArguments(['--case', 'x'])).toThrow(/UUID/);
    expect(() => parseExportArguments(['--case'])).toThrow(/needs a value/);
    expect(() => parseExportArguments(['--query', 'q', '--limit', '0'])).toThrow(/--limit/);
    expect(() => parseExportArguments(['--nope'])).toThrow(/unknown argument/);
  });

  it('exports a running and a closed case, by id and by visibility query, and they replay', async () => {
    const agency = await createAgency(stack.dataSource, 'operations export');
    const clerk = await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], agency);
    const operator = await signedIn(stack.baseUrl, stack.dataSource, ['OPERATOR']);
    const register = async () =>
      (
        await request(stack.baseUrl)
          .post('/cases')
          .set('authorization', clerk.auth)
          .send({
            requestType: 'SCRAP',
            justification: 'خودروی فرسوده برای خروجی تاریخچه',
            vehicles: [{ plate: '12ب345-15', usageClass: 'SEDAN', modelYear: 1385 }],
          })
          .expect(201)
      ).body.id as string;
    const running = await register();
    const closed = await register();
    for (const id of [running, closed]) {
      await eventually(async () => {
        const res = await request(stack.baseUrl)
          .get(`/cases/${id}`)
          .set('authorization', operator.auth);
        return res.body.live?.stage === 'UNDER_REVIEW' ? true : undefined;
      });
    }
    await request(stack.baseUrl)
      .post(`/cases/${closed}/cancel`)
      .set('authorization', operator.auth)
      .send({ reason: 'ثبت تکراری' })
      .expect(200);
    await eventually(async () =>
      (await stack.client.workflow.getHandle(caseWorkflowId(closed)).describe()).status.name ===
      'COMPLETED'
        ? true
        : undefined,
    );

    const query = `WorkflowType = 'caseWorkflow' AND TaskQueue = '${stack.config.temporal.taskQueue}' AND AgencyId = '${agency}' AND ExecutionStatus != 'Running'`;
    const ids = await eventually(async () => {
      const found = await selectWorkflowIds(stack.client, {
        caseIds: [running],
        workflowIds: [],
        query,
        limit: 10,
      });
      return found.length === 2 ? found : undefined;
    });
    expect(ids).toEqual([caseWorkflowId(running), caseWorkflowId(closed)]);
    const options = {
      outDir,
      force: false,
      prefix: 'exported',
      from: [new EncryptionCodec(parsePayloadKeys(ownKeys))],
      to: [new EncryptionCodec(parsePayloadKeys(REPLAY_CORPUS_PAYLOAD_KEYS))],
    };
    const written = await exportHistories(stack.client, ids, options);
    expect(readdirSync(outDir).sort()).toEqual(ids.map((id) => `exported-${id}.json`).sort());
    // Not twice by accident.
    await expect(exportHistories(stack.client, ids, options)).rejects.toThrow(/--force/);

    // Sealed with the corpus key now: the deployment's key id is gone, the test key's is there.
    const text = readFileSync(written[0], 'utf8');
    expect(text).not.toContain(Buffer.from('deployment-1').toString('base64'));
    expect(text).toContain(Buffer.from('test-1').toString('base64'));
    expect(text).not.toContain('خودروی فرسوده');

    // As test/integration/replay.int-spec.ts replays the corpus.
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories(
      {
        workflowsPath: require.resolve('../../workflows'),
        replayName: 'replay-export',
        dataConverter: {
          payloadCodecs: [new EncryptionCodec(parsePayloadKeys(TEST_PAYLOAD_KEYS))],
          failureConverterPath: FAILURE_CONVERTER_PATH,
        },
      },
      written.map((file) => ({
        workflowId: file,
        history: historyFromJSON(JSON.parse(readFileSync(file, 'utf8'))),
      })),
    )) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(2);
  });
});
