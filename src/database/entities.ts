import { CaseEventEntity } from '../cases/entities/case-event.entity';
import { CaseRecordEntity } from '../cases/entities/case-record.entity';
import { TrackingCodeEntity } from '../cases/entities/tracking-code.entity';
import { NotificationIntentEntity } from '../notifications/entities/notification-intent.entity';
import { SessionRecordEntity } from '../sessions/entities/session-record.entity';

/** Every entity, in one list shared by the Nest module, the migration data source and activities. */
export const ENTITIES = [
  CaseRecordEntity,
  CaseEventEntity,
  TrackingCodeEntity,
  NotificationIntentEntity,
  SessionRecordEntity,
];
