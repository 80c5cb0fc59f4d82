import { Logger } from '@nestjs/common';
import {
  type Client,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { AppError } from '../common/errors/app-error';
import { isErrorCode } from '../common/errors/error-catalogue';
import { REFUSALS } from '../../workflows/common/refusals';

/** A query needs a worker; do not hold the caller longer than this when none answers. */
export const QUERY_TIMEOUT_MS = 5_000;

/**
 * Asks a workflow a query, waiting at most QUERY_TIMEOUT_MS: the answer, `not-found` when no
 * such workflow exists, or `unavailable` when the engine or its worker did not answer in time.
 */
export async function queryWorkflow<Ret>(
  client: Client,
  workflowId: string,
  query: QueryDefinition<Ret>,
): Promise<Ret | 'not-found' | 'unavailable'> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), QUERY_TIMEOUT_MS);
  try {
    return await client.withAbortSignal(abort.signal, () =>
      client.workflow.getHandle(workflowId).query(query),
    );
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return 'not-found';
    logger.warn({ err: error, workflowId, query: query.name }, 'workflow query failed');
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

/** How long a human action may wait for its workflow's answer before the API says "try again". */
export const ACTION_TIMEOUT_MS = 10_000;

const logger = new Logger('WorkflowActions');

/**
 * Turns what a workflow action threw into the API's error: a refusal of the workflow's own
 * validator keeps its stable code (409, bilingual message); an unknown or ended workflow is
 * `notFound`; anything else means the engine did not answer (503, safe to retry with the same
 * Idempotency-Key).
 */
export function workflowActionError(
  error: unknown,
  notFound: 'CASE.NOT_FOUND' | 'SESSION.NOT_FOUND',
): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (
      cause instanceof ApplicationFailure &&
      cause.type &&
      cause.type in REFUSALS &&
      isErrorCode(cause.type)
    ) {
      const detail = (cause.details?.[0] as { detail?: unknown } | undefined)?.detail;
      return new AppError(
        cause.type,
        typeof detail === 'string' && detail.length > 0
          ? [{ field: 'action', code: 'detail', message: { fa: detail, en: detail } }]
          : [],
      );
    }
    logger.error({ err: error }, 'workflow update failed without a refusal code');
    return new AppError('SERVICE.INTERNAL');
  }
  if (error instanceof WorkflowNotFoundError) return new AppError(notFound);
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new AppError('SERVICE.WORKFLOW_UNAVAILABLE');
  }
  logger.error({ err: error }, 'workflow action failed');
  return new AppError('SERVICE.WORKFLOW_UNAVAILABLE');
}

/**
 * Runs one human action as a Workflow Update and answers with the workflow's new state. The
 * workflow's validator decides; `updateId` (from the client's Idempotency-Key) makes a retried
 * action count once.
 */
export async function executeAction<Ret, Arg>(
  client: Client,
  workflowId: string,
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
  options: { updateId?: string; notFound: 'CASE.NOT_FOUND' | 'SESSION.NOT_FOUND' },
): Promise<Ret> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ACTION_TIMEOUT_MS);
  try {
    return await client.withAbortSignal(abort.signal, () =>
      client.workflow.getHandle(workflowId).executeUpdate(update, {
        args: [arg],
        updateId: options.updateId,
      }),
    );
  } catch (error) {
    throw workflowActionError(error, options.notFound);
  } finally {
    clearTimeout(timer);
  }
}
