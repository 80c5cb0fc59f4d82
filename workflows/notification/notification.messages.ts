/** What the API's dispatcher needs to start a delivery: the workflow's type, id and signature. */
export const NOTIFICATION_WORKFLOW_TYPE = 'notificationDeliveryWorkflow';

/** The workflow id of an intent's delivery: one workflow per intent, ever. */
export function notificationWorkflowId(intentId: string): string {
  return `notification:${intentId}`;
}

/** One notification intent to deliver; the retry policy comes from the worker's configuration. */
export interface NotificationDeliveryInput {
  intentId: string;
  retry: { initialIntervalMs: number; maximumAttempts: number };
}

export interface NotificationDeliveryResult {
  sent: number;
  failed: number;
}

/** The delivery workflow's signature, for `client.workflow.start<NotificationDeliveryWorkflow>`. */
export type NotificationDeliveryWorkflow = (
  input: NotificationDeliveryInput,
) => Promise<NotificationDeliveryResult>;
