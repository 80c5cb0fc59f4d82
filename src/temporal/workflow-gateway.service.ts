import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
} from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { requestHash } from '../common/fingerprint';
import { ActionKeyEntity } from '../common/entities/action-key.entity';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/configuration';
import { TEMPORAL_CLIENT } from './temporal.tokens';
import { executeAction, queryWorkflow } from './workflow-actions';

/**
 * SHA-256 of what an action asks: its update's name and argument, canonically serialised. The
 * argument's `actor` is left out: the key is already the user's, and a role granted between a
 * request and its retry does not make the retry another request.
 */
export function actionFingerprint(update: string, arg: unknown): string {
  let asked = arg;
  if (asked !== null && typeof asked === 'object' && 'actor' in asked) {
    const { actor: _actor, ...rest } = asked as Record<string, unknown>;
    asked = rest;
  }
  return requestHash({ update, arg: asked });
}

/** What a keyed create is: the kind of thing made, and the request its key is bound to. */
export type CreateScope = 'case' | 'session' | 'complaint';

/**
 * The one door of the workflow-backed services (cases, sessions, complaints) to their
 * workflows: starting one, asking it a query, running a human action as an update, and the one
 * way an `Idempotency-Key` makes a create or an action safe to retry. Every key, of a create or
 * of an action, is a row of `action_keys` that binds it to what it asked the first time.
 */
@Injectable()
export class WorkflowGateway {
  private readonly logger = new Logger(WorkflowGateway.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @InjectRepository(ActionKeyEntity) private readonly keys: Repository<ActionKeyEntity>,
  ) {}

  /**
   * The plan of a create (the new thing's id, its tracking code, its time). Without a key, a
   * fresh one. With a key, the plan stored under (user, scope, key) the first time: a retry with
   * the same body answers with it and so starts nothing new; another body under the same key is
   * IDEMPOTENCY.KEY_REUSED. Two attempts with one key at once: the first insert wins and both
   * answer with its plan. The plan is stored as JSON: dates go in as ISO strings.
   */
  async planOnce<Plan extends object>(create: {
    userId: string;
    scope: CreateScope;
    idempotencyKey: string | undefined;
    request: unknown;
    fresh: () => Promise<Plan>;
  }): Promise<Plan> {
    const { userId, scope, idempotencyKey, request, fresh } = create;
    if (idempotencyKey === undefined) return fresh();
    const updateId = `create:${scope}/${idempotencyKey}`;
    const hash = requestHash(request);
    const stored = async (): Promise<Plan | undefined> => {
      const row = await this.keys.findOneBy({ userId, updateId });
      if (!row) return undefined;
      if (row.requestHash !== hash || row.plan === null) {
        throw new AppError('IDEMPOTENCY.KEY_REUSED');
      }
      return row.plan as Plan;
    };
    const existing = await stored();
    if (existing) return existing;
    await this.keys.query(
      `INSERT INTO action_keys (user_id, update_id, request_hash, plan) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, update_id) DO NOTHING`,
      [userId, updateId, hash, JSON.stringify(await fresh())],
    );
    return (await stored())!;
  }

  /**
   * Starts a workflow on the service's task queue; an id is never reused. A keyed create that
   * finds its workflow already running is a retry of one that started: `already-started`, a
   * success. Anything else the engine answers is SERVICE.WORKFLOW_UNAVAILABLE (safe to retry).
   */
  async start(
    workflowType: string,
    workflowId: string,
    args: unknown[],
    retry: { keyed: boolean },
  ): Promise<'started' | 'already-started'> {
    try {
      await this.temporal.workflow.start(workflowType, {
        taskQueue: this.config.temporal.taskQueue,
        workflowId,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args,
      });
      this.logger.log({ workflowId }, `${workflowType} started`);
      return 'started';
    } catch (error) {
      if (retry.keyed && error instanceof WorkflowExecutionAlreadyStartedError) {
        return 'already-started';
      }
      this.logger.error({ err: error, workflowId }, `could not start ${workflowType}`);
      throw new AppError('SERVICE.WORKFLOW_UNAVAILABLE');
    }
  }

  /** A query of a live workflow (see queryWorkflow): its answer, `not-found` or `unavailable`. */
  query<Ret>(
    workflowId: string,
    query: QueryDefinition<Ret>,
  ): Promise<Ret | 'not-found' | 'unavailable'> {
    return queryWorkflow(this.temporal, workflowId, query);
  }

  /**
   * Records (user, workflow/update id) → fingerprint, or compares with the one recorded: the
   * same request passes (a retry), another is IDEMPOTENCY.KEY_REUSED. One round trip: the
   * no-op update makes the insert return the row that was already there. Temporal deduplicates
   * by update id and answers a retry with the first result whatever the retry carried; without
   * this check a client that reused a key for another action would be told it succeeded.
   */
  private async claim(
    userId: string,
    workflowId: string,
    updateId: string,
    update: string,
    arg: unknown,
  ): Promise<void> {
    const requestHash = actionFingerprint(update, arg);
    const rows: { request_hash: string }[] = await this.keys.query(
      `INSERT INTO action_keys (user_id, update_id, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, update_id) DO UPDATE SET update_id = EXCLUDED.update_id
       RETURNING request_hash`,
      [userId, `${workflowId}/${updateId}`, requestHash],
    );
    if (rows[0]?.request_hash !== requestHash) throw new AppError('IDEMPOTENCY.KEY_REUSED');
  }

  /**
   * Runs one human action as a Workflow Update (executeAction) and answers with the workflow's
   * new state: the one idempotent action of every workflow-backed service. With an
   * Idempotency-Key, the key is claimed for this action and body first (action_keys), then,
   * scoped to the caller, becomes the update id: a retried action applies once, and a key
   * reused with another action or body is refused. A workflow that answers `notFound` although
   * the caller was found to see its record has ended: `ended` says what that means to the
   * service (its error, or undefined to keep `notFound`).
   */
  async perform<Ret, Arg>(action: {
    userId: string;
    workflowId: string;
    update: UpdateDefinition<Ret, [Arg]>;
    input: Arg;
    idempotencyKey?: string;
    notFound: 'CASE.NOT_FOUND' | 'SESSION.NOT_FOUND';
    ended: () => AppError | undefined | Promise<AppError | undefined>;
  }): Promise<Ret> {
    const { userId, workflowId, update, input, idempotencyKey, notFound } = action;
    const updateId = idempotencyKey === undefined ? undefined : `${userId}:${idempotencyKey}`;
    try {
      if (updateId) await this.claim(userId, workflowId, updateId, update.name, input);
      return await executeAction(this.temporal, workflowId, update, input, { notFound, updateId });
    } catch (error) {
      if (error instanceof AppError && error.code === notFound)
        throw (await action.ended()) ?? error;
      throw error;
    }
  }
}
