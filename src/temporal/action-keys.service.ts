import { Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { requestHash } from '../common/fingerprint';
import { ActionKeyEntity } from '../common/entities/action-key.entity';
import { AppError } from '../common/errors/app-error';
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
   * Runs one human action as a Workflow Update (executeAction): with an Idempotency-Key, the
   * key is claimed for this action and body first, then becomes the update id.
   */
  async execute<Ret, Arg>(
    temporal: Client,
    userId: string,
    workflowId: string,
    update: UpdateDefinition<Ret, [Arg]>,
    input: Arg,
    options: { updateId?: string; notFound: 'CASE.NOT_FOUND' | 'SESSION.NOT_FOUND' },
  ): Promise<Ret> {
    if (options.updateId) {
      await this.claim(userId, workflowId, options.updateId, update.name, input);
    }
    return executeAction(temporal, workflowId, update, input, options);
  }
}
