// The load generator: runs in a worker thread (see load-client.ts). It holds the HTTP clients
// (Node's fetch) and the raw Temporal client, so the API's event loop serves and never generates.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Agent as HttpAgent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { Client, Connection, WorkflowIdReusePolicy } from '@temporalio/client';
import { caseServiceLevelAt } from '../src/cases/case-service-level';
import { API_PREFIX } from '../src/common/api-prefix';
import { generateTrackingCode } from '../src/common/tracking-code';
import { loadConfig, type AppConfig } from '../src/config/configuration';
import { temporalClient, temporalConnectionOptions } from '../src/temporal/temporal-connection';
import {
  acceptDocumentsUpdate,
  CASE_WORKFLOW_TYPE,
  type CaseWorkflow,
  caseWorkflowId,
} from '../workflows/case/case.messages';
import type { CaseRegistration, CaseView } from '../workflows/case/case.types';
import type {
  LoadCommand,
  LoadReply,
  LoadRequest,
  LoadResult,
  LoadSetup,
  Sample,
  Side,
} from './load-protocol';

/** The request every registration files (API body and raw registration alike). */
export const CASE_FORM = {
  requestType: 'SCRAP' as const,
  justification: 'خودروی سواری فرسوده با هزینه تعمیر بیش از ارزش آن',
  vehicles: [
    { plate: '12ب345-15', vin: 'NAAM01E07HK123456', usageClass: 'SEDAN', modelYear: 1385 },
  ],
};

class OperationError extends Error {}

interface HttpAnswer {
  status: number;
  text: string;
}
type Http = (
  method: 'GET' | 'POST',
  path: string,
  headers?: Record<string, string>,
  body?: string,
) => Promise<HttpAnswer>;

/**
 * node:http with a keep-alive agent (the default): on a 2-core machine Node 20's fetch costs the
 * client about three times the CPU per request, which would cap the cheap endpoints at the
 * client's pace rather than the server's. BENCH_HTTP_CLIENT=fetch uses fetch instead.
 */
function nodeHttp(baseUrl: string): Http {
  const agent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  const origin = new URL(baseUrl);
  return (method, path, headers = {}, body) =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          host: origin.hostname,
          port: origin.port,
          method,
          path,
          headers:
            body === undefined
              ? headers
              : { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

function fetchHttp(baseUrl: string): Http {
  return async (method, path, headers, body) => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    return { status: res.status, text: await res.text() };
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

class LoadGenerator {
  private readonly http: Http;

  constructor(
    private readonly setup: LoadSetup,
    private readonly config: AppConfig,
    private readonly client: Client,
  ) {
    this.http = setup.httpClient === 'fetch' ? fetchHttp(setup.baseUrl) : nodeHttp(setup.baseUrl);
  }

  private async post(path: string, auth: string, body: unknown, expected: number) {
    const res = await this.http(
      'POST',
      path,
      { authorization: auth, 'content-type': 'application/json' },
      JSON.stringify(body),
    );
    if (res.status !== expected)
      throw new OperationError(`POST ${path}: ${res.status} ${res.text.slice(0, 300)}`);
    return JSON.parse(res.text) as Record<string, unknown>;
  }

  private async registerApi(): Promise<{ id: string; trackingCode: string }> {
    const body = await this.post(`/${API_PREFIX}/cases`, this.setup.clerk.auth, CASE_FORM, 201);
    return { id: body.id as string, trackingCode: body.trackingCode as string };
  }

  /** What CasesService.register does after reserving a code, without the API around it. */
  private async registerRaw(): Promise<{ id: string; trackingCode: string }> {
    const caseId = randomUUID();
    const registeredAt = new Date();
    const registration: CaseRegistration = {
      caseId,
      trackingCode: generateTrackingCode(),
      requestType: CASE_FORM.requestType,
      agencyId: this.setup.clerk.agencyId!,
      registeredBy: this.setup.clerk.id,
      justification: CASE_FORM.justification,
      vehicles: CASE_FORM.vehicles.map((v) => ({ ...v })),
      registeredAt: registeredAt.toISOString(),
    };
    await this.client.workflow.start<CaseWorkflow>(CASE_WORKFLOW_TYPE, {
      taskQueue: this.config.temporal.taskQueue,
      workflowId: caseWorkflowId(caseId),
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [
        {
          registration,
          serviceLevel: caseServiceLevelAt(registeredAt.getTime(), {
            thursdayIsWorkingDay: this.config.thursdayIsWorkingDay,
          }),
        },
      ],
    });
    return { id: caseId, trackingCode: registration.trackingCode };
  }

  private async accept(side: Side, caseId: string): Promise<void> {
    let stage: unknown;
    if (side === 'api') {
      stage = (
        await this.post(`/${API_PREFIX}/cases/${caseId}/accept`, this.setup.reviewer.auth, {}, 200)
      ).stage;
    } else {
      const view: CaseView = await this.client.workflow
        .getHandle(caseWorkflowId(caseId))
        .executeUpdate(acceptDocumentsUpdate, {
          args: [{ actor: { userId: this.setup.reviewer.id, roles: ['REVIEWER'] } }],
        });
      stage = view.stage;
    }
    if (stage !== 'AWAITING_SESSION')
      throw new OperationError(`accept of ${caseId} answered stage ${String(stage)}`);
  }

  async run(command: LoadCommand): Promise<LoadResult> {
    const samples: Sample[] = [];
    const cases: { id: string; trackingCode: string }[] = [];
    let errors = 0;
    const errorsBySide: Partial<Record<Side, number>> = {};
    let firstError: string | undefined;
    const timed = async (side: Side | undefined, operation: () => Promise<void>) => {
      const started = performance.now();
      try {
        await operation();
        samples.push({ side, ms: performance.now() - started });
      } catch (error) {
        errors += 1;
        if (side) errorsBySide[side] = (errorsBySide[side] ?? 0) + 1;
        firstError ??= describe(error);
      }
    };
    const started = performance.now();
    switch (command.op) {
      case 'register': {
        const register =
          command.side === 'api' ? () => this.registerApi() : () => this.registerRaw();
        let next = 0;
        const lane = async () => {
          while (next < command.count) {
            next += 1;
            await timed(command.side, async () => {
              cases.push(await register());
            });
          }
        };
        await Promise.all(
          Array.from({ length: Math.min(command.concurrency, command.count) }, lane),
        );
        break;
      }
      case 'accept':
        for (const task of command.tasks)
          await timed(task.side, () => this.accept(task.side, task.caseId));
        break;
      case 'hammer': {
        const deadline = started + command.durationMs;
        const { paths } = command;
        let turn = 0;
        const client = async () => {
          while (performance.now() < deadline) {
            const path = paths[turn++ % paths.length];
            await timed(undefined, async () => {
              const res = await this.http('GET', path);
              if (res.status !== 200) throw new OperationError(`GET ${path}: ${res.status}`);
            });
          }
        };
        await Promise.all(Array.from({ length: command.clients }, client));
        break;
      }
    }
    return {
      samples,
      wallMs: performance.now() - started,
      errors,
      errorsBySide,
      firstError,
      cases,
    };
  }
}

async function main(): Promise<void> {
  const port = parentPort!;
  const setup = workerData as LoadSetup;
  const reply = (message: LoadReply) => port.postMessage(message);
  let generator: LoadGenerator;
  let connection: Connection;
  try {
    const config = loadConfig(setup.env);
    connection = await Connection.connect(
      temporalConnectionOptions(config.temporal, config.temporal.address!),
    );
    generator = new LoadGenerator(setup, config, temporalClient(config.temporal, connection));
  } catch (error) {
    reply({ failed: describe(error) });
    return;
  }
  port.on('message', (message: LoadRequest | 'close') => {
    if (message === 'close') {
      void connection.close().finally(() => port.close());
      return;
    }
    generator.run(message.command).then(
      (result) => reply({ id: message.id, result }),
      (error: unknown) => reply({ id: message.id, error: describe(error) }),
    );
  });
  reply({ ready: true });
}

void main();
