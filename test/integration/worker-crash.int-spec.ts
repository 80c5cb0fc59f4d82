import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { currentCaseServiceLevel } from '../../src/cases/case-service-level';
import type { Actor } from '../../workflows/common/actors';
import {
  acceptDocumentsUpdate,
  caseWorkflowId,
  finalizeCaseDecisionUpdate,
  getCaseStateQuery,
  recordCaseDecisionUpdate,
  requestCorrectionsUpdate,
  resubmitCorrectionsUpdate,
  scheduleCaseUpdate,
} from '../../workflows/case/case.messages';
import type { CaseRegistration } from '../../workflows/case/case.types';
import type { CaseWorkflow } from '../../workflows/case/case.messages';
import { eventually } from './harness/app-harness';
import { HARNESS_ENV } from './harness/harness-env';
import { killProcess, requireBuiltWorker, startWorkerProcess } from './harness/worker-process';

const clerk: Actor = { userId: 'u-clerk', roles: ['CLERK'], agencyId: 'agency-crash' };
const reviewer: Actor = { userId: 'u-reviewer', roles: ['REVIEWER'] };
const secretary: Actor = { userId: 'u-secretary', roles: ['SECRETARY'] };

/**
 * The real worker process (dist/src/worker.main.js) against the harness's Temporal and
 * PostgreSQL, killed with SIGKILL in the middle of a case and started again: the case finishes
 * and no side effect (timeline row, notification intent, permit number) exists twice.
 */
describe('a worker killed mid-case', () => {
  const taskQueue = `crash-${randomUUID()}`;
  let client: Client;
  let connection: Connection;
  let dataSource: DataSource;
  let worker: ChildProcess | undefined;
  const spawned: ChildProcess[] = [];

  const startWorker = async (): Promise<ChildProcess> => {
    const child = await startWorkerProcess(taskQueue);
    spawned.push(child);
    return child;
  };
  const kill = killProcess;

  beforeAll(async () => {
    requireBuiltWorker();
    connection = await Connection.connect({ address: process.env[HARNESS_ENV.temporalAddress]! });
    client = new Client({ connection });
    dataSource = await new DataSource(
      dataSourceOptions(process.env[HARNESS_ENV.databaseUrl]!, false),
    ).initialize();
  });
  afterAll(async () => {
    for (const child of spawned) await kill(child);
    await connection?.close();
    await dataSource?.destroy();
  });

  it('finishes the case after SIGKILL and restart, with every side effect exactly once', async () => {
    worker = await startWorker();
    const caseId = randomUUID();
    const registration: CaseRegistration = {
      caseId,
      trackingCode: '987654321098',
      requestType: 'PURCHASE',
      agencyId: 'agency-crash',
      justification: 'خرید خودروی خدمت',
      vehicles: [{ usageClass: 'PICKUP', count: 1 }],
      registeredAt: new Date().toISOString(),
      registeredBy: clerk.userId,
    };
    const handle = await client.workflow.start<CaseWorkflow>('caseWorkflow', {
      workflowId: caseWorkflowId(caseId),
      taskQueue,
      args: [{ registration, serviceLevel: currentCaseServiceLevel() }],
    });
    await eventually(async () =>
      (await handle.query(getCaseStateQuery)).stage === 'UNDER_REVIEW' ? true : undefined,
    );
    await handle.executeUpdate(requestCorrectionsUpdate, {
      args: [
        {
          actor: reviewer,
          deficiencies: [{ target: 'document:BUDGET_CONFIRMATION', note: 'تأیید اعتبار ندارد' }],
        },
      ],
    });

    // Kill the worker while a re-submission is being applied, then start a new one.
    const inFlight = handle.executeUpdate(resubmitCorrectionsUpdate, {
      args: [{ actor: clerk }],
      updateId: 'resubmit-1',
    });
    await new Promise((r) => setTimeout(r, 30));
    await kill(worker);
    worker = await startWorker();
    expect((await inFlight).stage).toBe('UNDER_REVIEW');

    await handle.executeUpdate(acceptDocumentsUpdate, { args: [{ actor: reviewer }] });
    const sessionId = randomUUID();
    await handle.executeUpdate(scheduleCaseUpdate, {
      args: [{ actor: secretary, sessionId, sessionAt: new Date().toISOString() }],
    });
    await handle.executeUpdate(recordCaseDecisionUpdate, {
      args: [
        {
          actor: secretary,
          decision: {
            outcome: 'APPROVED',
            sessionId,
            recordedBy: secretary.userId,
            recordedAt: new Date().toISOString(),
          },
        },
      ],
    });

    // And again while the permit is being issued and the result announced.
    const finalizing = handle.executeUpdate(finalizeCaseDecisionUpdate, {
      args: [{ actor: secretary, sessionId, minutesApprovedAt: new Date().toISOString() }],
      updateId: 'finalize-1',
    });
    await new Promise((r) => setTimeout(r, 30));
    await kill(worker);
    worker = await startWorker();
    const final = await finalizing;
    expect(final).toMatchObject({ stage: 'CLOSED', result: { kind: 'PERMIT' } });
    expect((await handle.query(getCaseStateQuery)).stage).toBe('CLOSED');

    const events: { id: string }[] = await dataSource.query(
      'SELECT id FROM case_events WHERE case_id = $1 ORDER BY id',
      [caseId],
    );
    // Registration row plus one row per timeline line: 1 (review) + 2 + 1 + 1 + 1 + 2 (permit, closed) = 8.
    expect(events).toHaveLength(1 + 8);
    const intents: { event: string }[] = await dataSource.query(
      'SELECT event FROM notification_intents WHERE case_id = $1 ORDER BY recorded_at',
      [caseId],
    );
    expect(intents.map((i) => i.event).sort()).toEqual(
      ['CASE_REGISTERED', 'CASE_SCHEDULED', 'CORRECTIONS_REQUESTED', 'RESULT_PERMIT'].sort(),
    );
    const permits: { seq: number }[] = await dataSource.query(
      'SELECT seq FROM permit_numbers WHERE case_id = $1',
      [caseId],
    );
    expect(permits).toHaveLength(1);
    const [record]: { stage: string }[] = await dataSource.query(
      'SELECT stage FROM cases WHERE id = $1',
      [caseId],
    );
    expect(record.stage).toBe('CLOSED');
  });
});
