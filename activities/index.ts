import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createCaseActivities } from './case.activities';
import { createCaseMessagingActivities } from './case-messaging.activities';
import { createComplaintActivities } from './complaint.activities';
import { createNotificationActivities } from './notification.activities';
import {
  createNotificationDeliveryActivities,
  type NotificationChannels,
} from './notification-delivery.activities';
import { createSessionActivities } from './session.activities';

export interface ActivityDeps {
  dataSource: DataSource;
  /** For activities that message other workflows (a session acting on its cases). */
  client: Client;
  /** Where notifications go out (src/notifications/channels). */
  channels: NotificationChannels;
  /** How long a delivery attempt owns its row (NOTIFICATION_SEND_LEASE_SECONDS). */
  sendLeaseSeconds?: number;
}

/** Every activity the worker registers, built from dependencies the worker's Nest context provides. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCaseActivities(deps),
    ...createNotificationActivities(deps),
    ...createNotificationDeliveryActivities(deps),
    ...createCaseMessagingActivities(deps),
    ...createSessionActivities(deps),
    ...createComplaintActivities(deps),
  };
}
