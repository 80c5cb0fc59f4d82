import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { requestHash } from '../common/fingerprint';
import { ActionKeyEntity } from '../common/entities/action-key.entity';
import { AppError } from '../common/errors/app-error';
import { TEMPORAL_CLIENT } from './temporal.tokens';
import { executeAction } from './workflow-actions';

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

/**
 * Binds an action's `Idempotency-Key` to what it asked the first time. Temporal deduplicates by
 * update id and answers a retry with the first result whatever the retry carried; without this
 * check a client that reused a key for another action would be told it succeeded.
 */
@Injectable()
export class ActionKeysService {
  constructor(
    @InjectRepository(ActionKeyEntity) private readonly keys: Repository<ActionKeyEntity>,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /**
   * Records (user, workflow/update id) → fingerprint, or compares with the one recorded: the
   * same request passes (a retry), another is IDEMPOTENCY.KEY_REUSED. One round trip: the
   * no-op update makes the insert return the row that was already there.
   */
  async claim(
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
