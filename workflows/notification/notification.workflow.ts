import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { NotificationDeliveryActivities } from '../../activities/notification-delivery.activities';
import type {
  NotificationDeliveryInput,
  NotificationDeliveryResult,
} from './notification.messages';

/** Deliveries sent at once; well under Temporal's limit of pending activities per workflow. */
const CHUNK = 100;

const planning = proxyActivities<NotificationDeliveryActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Delivers one notification intent: plans the inbox rows and deliveries (idempotent), then
 * sends each e-mail and SMS as its own activity with retries (an SMTP outage or a gateway error
 * is retried with back-off; a refusal no retry can fix fails at once). A delivery that gives up
 * is recorded as failed with its reason. Nothing here holds an address or a message text.
 */
export async function notificationDeliveryWorkflow(
  input: NotificationDeliveryInput,
): Promise<NotificationDeliveryResult> {
  const sending = proxyActivities<NotificationDeliveryActivities>({
    // Above the channels' own timeouts (SMTP: 10 s to connect, 20 s idle); a worker that dies
    // mid-send is noticed after this and the attempt is retried by another.
    startToCloseTimeout: '40 seconds',
    retry: {
      initialInterval: input.retry.initialIntervalMs,
      backoffCoefficient: 2,
      maximumInterval: Math.max(input.retry.initialIntervalMs, 10 * 60_000),
      // 0: no limit — a temporary failure (an SMTP outage) is waited out, never dropped.
      maximumAttempts: input.retry.maximumAttempts > 0 ? input.retry.maximumAttempts : undefined,
      nonRetryableErrorTypes: ['NOTIFICATION.DELIVERY_REFUSED'],
    },
  });
  const deliveries = await planning.planNotification(input.intentId);
  const deliver = async ({ deliveryId }: { deliveryId: string }) => {
    try {
      return await sending.deliverNotification(deliveryId);
    } catch (error) {
      // Only a delivery that gave up is a failed delivery; anything else is a fault to fix.
      if (!(error instanceof ActivityFailure)) throw error;
      const cause = error.cause;
      const reason =
        cause instanceof ApplicationFailure || cause instanceof Error
          ? cause.message
          : 'delivery failed';
      await planning.markDeliveryFailed(deliveryId, reason);
      return 'FAILED' as const;
    }
  };
  // In chunks, so that a notice to everyone keeps the pending activities and the history small.
  const outcomes: ('SENT' | 'FAILED')[] = [];
  for (let start = 0; start < deliveries.length; start += CHUNK) {
    outcomes.push(...(await Promise.all(deliveries.slice(start, start + CHUNK).map(deliver))));
  }
  return {
    sent: outcomes.filter((o) => o === 'SENT').length,
    failed: outcomes.filter((o) => o === 'FAILED').length,
  };
}
