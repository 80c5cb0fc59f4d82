import { randomUUID } from 'node:crypto';
import { Client, WorkflowIdReusePolicy } from '@temporalio/client';
import request from 'supertest';
import { historyToJSON, payloadToJSON } from '@temporalio/common/lib/proto-utils';
import { caseServiceLevelAt } from '../../src/cases/case-service-level';
import { generateTrackingCode } from '../../src/common/tracking-code';
import type { PayloadDto } from '../../src/codec/dto/payloads.dto';
import type { Actor } from '../../workflows/common/actors';
import {
  caseWorkflowId,
  getCaseStateQuery,
  requestCorrectionsUpdate,
  resubmitCorrectionsUpdate,
} from '../../workflows/case/case.messages';
import type { CaseRegistration } from '../../workflows/case/case.types';
import type { CaseWorkflow } from '../../workflows/case/case.messages';
import { eventually, RunningStack, startStack } from './harness/app-harness';
import { signedIn } from './harness/identity';

// Distinctive personal data: nothing else in a history could contain these by chance.
const PLATE = '47ب921-33';
const VIN = 'NAAM01E07HK654321';
const NAME_FA = 'حسین رضایی‌نژاد';
const NAME_EN = 'Hossein Rezaei-Nejad';
const NATIONAL_CODE = '2741836509';
const SECRETS = [PLATE, VIN, NAME_FA, NAME_EN, NATIONAL_CODE];

const clerk: Actor = { userId: 'u-clerk-conf', roles: ['CLERK'], agencyId: 'agency-confidential' };
const reviewer: Actor = { userId: 'u-reviewer-conf', roles: ['REVIEWER'] };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Every secret found in a value: in any string (key or value) as plain text, inside any string
 * that is base64 (payload data and metadata in proto JSON), and inside any byte array (raw
 * protobuf objects) — and again inside base64 found in what those decode to.
 */
function secretsIn(value: unknown, depth = 0): Set<string> {
  const found = new Set<string>();
  const scanBytes = (bytes: Buffer) => {
    for (const secret of SECRETS) if (bytes.includes(Buffer.from(secret))) found.add(secret);
    if (depth < 2) {
      const text = bytes.toString('utf8');
      for (const token of text.match(/[A-Za-z0-9+/]{8,}={0,2}/g) ?? []) {
        if (BASE64.test(token)) for (const s of secretsIn(token, depth + 1)) found.add(s);
      }
    }
  };
  const scanString = (text: string) => {
    for (const secret of SECRETS) if (text.includes(secret)) found.add(secret);
    if (BASE64.test(text)) scanBytes(Buffer.from(text, 'base64'));
  };
  const walk = (v: unknown) => {
    if (typeof v === 'string') scanString(v);
    else if (v instanceof Uint8Array) scanBytes(Buffer.from(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        scanString(key);
        walk(child);
      }
    }
  };
  walk(value);
  return found;
}

/** How many payloads in a proto-JSON tree are encrypted by the service's codec. */
function encryptedPayloads(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + encryptedPayloads(v), 0);
  if (!value || typeof value !== 'object') return 0;
  const encoding = (value as PayloadDto).metadata?.encoding;
  if (
    typeof encoding === 'string' &&
    Buffer.from(encoding, 'base64').toString() === 'binary/encrypted'
  )
    return 1;
  return Object.values(value).reduce((n: number, v) => n + encryptedPayloads(v), 0);
}

/** Every payload object (proto JSON) in a tree, by reference. */
function payloadsIn(value: unknown, found: PayloadDto[] = []): PayloadDto[] {
  if (Array.isArray(value)) value.forEach((v) => payloadsIn(v, found));
  else if (value && typeof value === 'object') {
    const metadata = (value as PayloadDto).metadata;
    if (metadata && typeof metadata.encoding === 'string') found.push(value);
    else Object.values(value).forEach((v) => payloadsIn(v, found));
  }
  return found;
}

/**
 * Confidentiality of the Temporal history: what the Temporal server (its database, its Web UI
 * without a codec, `temporal workflow show`) holds for a case must contain no personal data.
 */
describe('confidentiality: a case’s raw Temporal history holds no personal data', () => {
  let stack: RunningStack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('keeps plate, VIN, names and national codes out of the history, search attributes and ids; the codec opens them', async () => {
    const { config } = stack;
    const caseId = randomUUID();
    const workflowId = caseWorkflowId(caseId);
    const registration: CaseRegistration = {
      caseId,
      trackingCode: generateTrackingCode(),
      requestType: 'SCRAP',
      agencyId: clerk.agencyId!,
      justification: `خودروی تحویل‌شده به ${NAME_FA} (${NAME_EN}) با کد ملی ${NATIONAL_CODE} فرسوده است`,
      vehicles: [{ plate: PLATE, vin: VIN, usageClass: 'SEDAN', modelYear: 1385 }],
      registeredAt: new Date().toISOString(),
      registeredBy: clerk.userId,
    };
    // As the API starts it (src/cases/cases.service.ts).
    const handle = await stack.client.workflow.start<CaseWorkflow>('caseWorkflow', {
      taskQueue: config.temporal.taskQueue,
      workflowId,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [
        {
          registration,
          serviceLevel: caseServiceLevelAt(Date.parse(registration.registeredAt), {
            thursdayIsWorkingDay: config.thursdayIsWorkingDay,
          }),
        },
      ],
    });
    try {
      await eventually(async () =>
        (await handle.query(getCaseStateQuery)).stage === 'UNDER_REVIEW' ? true : undefined,
      );
      // Updates carrying text with personal data, both ways.
      const corrections = await handle.executeUpdate(requestCorrectionsUpdate, {
        args: [
          {
            actor: reviewer,
            deficiencies: [
              { target: 'field:vehicles[0].plate', note: `پلاک ${PLATE} با سند خودرو نمی‌خواند` },
              {
                target: 'document:OWNER_ID',
                note: `کارت ملی ${NAME_FA} (${NATIONAL_CODE}) پیوست نیست`,
              },
            ],
            comment: `لطفاً مدارک ${NAME_FA} و شماره شاسی ${VIN} را دوباره بفرستید`,
          },
        ],
      });
      expect(corrections.stage).toBe('AWAITING_CORRECTIONS');
      expect(corrections.corrections?.comment).toContain(NAME_FA); // the service reads it fine
      const resubmitted = await handle.executeUpdate(resubmitCorrectionsUpdate, {
        args: [{ actor: clerk, note: `مدارک ${NAME_EN} پیوست شد`, documentIds: ['doc-owner-id'] }],
      });
      expect(resubmitted.stage).toBe('UNDER_REVIEW');

      // A client with no data converter: what the server, its database and its UI hold.
      const raw = new Client({
        connection: stack.temporalConnection,
        namespace: config.temporal.namespace,
      });
      expect(raw.options.loadedDataConverter.payloadCodecs).toEqual([]);
      const history = await raw.workflow.getHandle(workflowId).fetchHistory();
      const json = historyToJSON(history);
      const tree: unknown = JSON.parse(json);
      const eventTypes = (tree as { events: { eventType: string }[] }).events.map(
        (e) => e.eventType,
      );
      expect(eventTypes).toEqual(
        expect.arrayContaining([
          'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
          'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
          'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED',
          'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED',
          'EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES',
        ]),
      );
      // Input, two update arguments and results, activity inputs: all sealed.
      expect(encryptedPayloads(tree)).toBeGreaterThanOrEqual(5);

      for (const secret of SECRETS) expect(json).not.toContain(secret);
      expect([...secretsIn(tree)]).toEqual([]);
      expect([...secretsIn(history)]).toEqual([]); // the protobuf object, bytes and all

      // The positive control: the same search finds every secret once the operators' codec
      // endpoint has opened the payloads (one request, as the Web UI and CLI send them), so the
      // checks above could fail.
      const operator = await signedIn(stack.baseUrl, stack.dataSource, ['OPERATOR']);
      const opened = structuredClone(tree);
      const payloads = payloadsIn(opened);
      const res = await request(stack.baseUrl)
        .post('/codec/decode')
        .set('Authorization', operator.auth)
        .set('X-Namespace', config.temporal.namespace)
        .send({ payloads })
        .expect(200);
      expect(res.body.payloads).toHaveLength(payloads.length);
      payloads.forEach((payload, i) => Object.assign(payload, res.body.payloads[i]));
      expect(encryptedPayloads(opened)).toBe(0);
      expect([...secretsIn(opened)].sort()).toEqual([...SECRETS].sort());

      // Search attributes, memo and ids, as the server describes the execution.
      const described = await raw.workflow.getHandle(workflowId).describe();
      expect(described.searchAttributes).toMatchObject({
        CaseStage: ['UNDER_REVIEW'],
        RequestType: ['SCRAP'],
        AgencyId: [clerk.agencyId],
      });
      const info = described.raw.workflowExecutionInfo;
      expect([...secretsIn(info?.searchAttributes)]).toEqual([]);
      expect([...secretsIn(info?.memo ?? {})]).toEqual([]);
      expect([...secretsIn(described.searchAttributes)]).toEqual([]);
      expect([...secretsIn(described.raw)]).toEqual([]);
      expect([...secretsIn([workflowId, described.runId, described.taskQueue])]).toEqual([]);
    } finally {
      await handle.terminate('confidentiality test done');
    }
  });

  it('opens payloads only for operators; the Web UI’s origin gets CORS, before authentication', async () => {
    const [sealed] = await stack.client.options.loadedDataConverter.payloadCodecs[0].encode([
      { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(`"${NAME_FA}"`) },
    ]);
    const body = { payloads: [payloadToJSON(sealed)] };
    const ui = 'http://127.0.0.1:8233';

    const preflight = await request(stack.baseUrl)
      .options('/codec/decode')
      .set('Origin', ui)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,x-namespace')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ui);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/authorization/);

    const anonymous = await request(stack.baseUrl)
      .post('/codec/decode')
      .set('Origin', ui)
      .send(body)
      .expect(401);
    expect(anonymous.body.code).toBe('AUTH.UNAUTHENTICATED');
    expect(anonymous.headers['access-control-allow-origin']).toBe(ui); // the UI can read why
    expect(JSON.stringify(anonymous.body)).not.toContain(NAME_FA);

    for (const roles of [['REVIEWER'], ['ADMINISTRATOR']] as const) {
      const user = await signedIn(stack.baseUrl, stack.dataSource, [...roles]);
      const refused = await request(stack.baseUrl)
        .post('/codec/decode')
        .set('Authorization', user.auth)
        .send(body)
        .expect(403);
      expect(refused.body.code).toBe('ACCESS.FORBIDDEN');
    }

    const operator = await signedIn(stack.baseUrl, stack.dataSource, ['OPERATOR']);
    const opened = await request(stack.baseUrl)
      .post('/codec/decode')
      .set('Authorization', operator.auth)
      .set('X-Namespace', stack.config.temporal.namespace)
      .send(body)
      .expect(200);
    expect(opened.headers['cache-control']).toBe('no-store');
    expect(Buffer.from(opened.body.payloads[0].data, 'base64').toString()).toBe(`"${NAME_FA}"`);
  });
});
