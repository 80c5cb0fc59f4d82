import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/configuration';
import {
  NOTIFICATION_WORKFLOW_TYPE,
  type NotificationDeliveryWorkflow,
  notificationWorkflowId,
} from '../../workflows/notification/notification.messages';

/** How often the dispatcher looks for new intents, and how many it hands over at once. */
const POLL_MS = 1_000;
const BATCH = 50;

/**
 * The outbox of notification intents: workflows (through an activity) and the API (maintenance
 * notices, in the transaction that publishes them) record intents in PostgreSQL; this loop,
 * in every worker process, hands each one to its own delivery workflow exactly once. Rows are
 * claimed with FOR UPDATE SKIP LOCKED, so several workers share the work; the workflow id is
 * the intent's and REJECT_DUPLICATE refuses a second start, so a crash between starting the
 * workflow and marking the row only makes the next pass find the workflow already started.
 */
export class NotificationDispatcher {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly deps: {
      dataSource: DataSource;
      client: Client;
      config: AppConfig;
      log: Pick<Logger, 'info' | 'warn' | 'error'>;
    },
  ) {}

  start(): this {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.dispatchPending()
        .then((count) => {
          if (this.failing) this.deps.log.info('notification dispatch works again');
          this.failing = false;
          // More waiting: go again at once rather than after a pause.
          this.timer = setTimeout(tick, count === BATCH ? 0 : POLL_MS);
        })
        .catch((error: unknown) => {
          if (!this.failing) {
            this.deps.log.warn(
              { err: error },
              'notification dispatch failed; retrying every second',
            );
          }
          this.failing = true;
          this.timer = setTimeout(tick, POLL_MS);
        });
    };
    tick();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Hands up to BATCH undispatched intents to their delivery workflows; answers how many. */
  async dispatchPending(): Promise<number> {
    const { dataSource, client, config } = this.deps;
    return dataSource.transaction(async (manager) => {
      const rows = await manager.query<{ id: string }[]>(
        `SELECT id FROM notification_intents WHERE dispatched_at IS NULL
          ORDER BY recorded_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      for (const { id } of rows) {
        try {
          await client.workflow.start<NotificationDeliveryWorkflow>(NOTIFICATION_WORKFLOW_TYPE, {
            taskQueue: config.temporal.taskQueue,
            workflowId: notificationWorkflowId(id),
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
            args: [{ intentId: id, retry: config.notifications.retry }],
          });
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        }
      }
      if (rows.length > 0) {
        await manager.query(
          `UPDATE notification_intents SET dispatched_at = now() WHERE id = ANY($1)`,
          [rows.map((r) => r.id)],
        );
      }
      return rows.length;
    });
  }
}
