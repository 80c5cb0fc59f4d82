import { ApplicationFailure, Context } from '@temporalio/activity';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { caseWorkflowId } from '../workflows/case/case.messages';
import type { CaseView } from '../workflows/case/case.types';

/** The case updates a commission session may send (names as defined in workflows/case/case.messages.ts). */
export type CaseUpdateName =
  'scheduleCase' | 'unscheduleCase' | 'recordCaseDecision' | 'finalizeCaseDecision';

/** Under the session's 30-second start-to-close timeout for this activity. */
const DELIVERY_WAIT_MS = 25_000;

/**
 * Lets a session workflow act on a case through the case's own validated update, so the case
 * alone decides what it accepts. The update id makes a retried delivery apply once.
 */
export function createCaseMessagingActivities({ client }: { client: Client }) {
  return {
    async deliverToCase(request: {
      caseId: string;
      update: CaseUpdateName;
      input: unknown;
      updateId: string;
    }): Promise<CaseView> {
      const handle = client.workflow.getHandle(caseWorkflowId(request.caseId));
      // The update waits for the case's workflow task, perhaps on this very worker: when the
      // activity is cancelled (the worker shuts down, or it times out) stop waiting, so the
      // worker can stop; the retry delivers it again under the same update id.
      const signal = AbortSignal.any([
        Context.current().cancellationSignal,
        AbortSignal.timeout(DELIVERY_WAIT_MS),
      ]);
      try {
        return await client.withAbortSignal(signal, () =>
          handle.executeUpdate<CaseView, [unknown]>(request.update, {
            args: [request.input],
            updateId: request.updateId,
          }),
        );
      } catch (error) {
        // The case refused (wrong stage, …): not worth retrying; hand its code to the session.
        if (
          error instanceof WorkflowUpdateFailedError &&
          error.cause instanceof ApplicationFailure
        ) {
          throw ApplicationFailure.create({
            type: error.cause.type ?? 'CASE.REFUSED',
            message: error.cause.message,
            nonRetryable: true,
            details: error.cause.details as unknown[] | undefined,
          });
        }
        // No such case, or its workflow has ended: retrying cannot help.
        if (error instanceof WorkflowNotFoundError) {
          throw ApplicationFailure.create({
            type: 'CASE.NOT_FOUND',
            message: error.message,
            nonRetryable: true,
          });
        }
        throw error;
      }
    },
  };
}

export type CaseMessagingActivities = ReturnType<typeof createCaseMessagingActivities>;
