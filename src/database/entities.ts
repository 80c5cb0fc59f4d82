import { AuditLogEntity } from '../audit/audit-log.entity';
import { CaseEventEntity } from '../cases/entities/case-event.entity';
import { CaseRecordEntity } from '../cases/entities/case-record.entity';
import { TrackingCodeEntity } from '../cases/entities/tracking-code.entity';
import { ComplaintCodeEntity } from '../complaints/entities/complaint-code.entity';
import { ComplaintEventEntity } from '../complaints/entities/complaint-event.entity';
import { ComplaintRecordEntity } from '../complaints/entities/complaint-record.entity';
import { DocumentEntity } from '../documents/entities/document.entity';
import { AgencyEntity } from '../identity/entities/agency.entity';
import { RefreshTokenEntity } from '../identity/entities/refresh-token.entity';
import { UserEntity } from '../identity/entities/user.entity';
import { NotificationIntentEntity } from '../notifications/entities/notification-intent.entity';
import { NotificationEntity } from '../notifications/entities/notification.entity';
import { NotificationDeliveryEntity } from '../notifications/entities/notification-delivery.entity';
import { NotificationPreferenceEntity } from '../notifications/entities/notification-preference.entity';
import { MaintenanceNoticeEntity } from '../notices/entities/maintenance-notice.entity';
import { ActionKeyEntity } from '../common/entities/action-key.entity';
import { ChecklistSlotEntity } from '../reference/request-types/entities/checklist-slot.entity';
import { OfficialHolidayEntity } from '../reference/calendar/entities/official-holiday.entity';
import { CalendarClosureEntity } from '../reference/calendar/entities/calendar-closure.entity';
import { WornOutAgeEntity } from '../reference/worn-out-ages/entities/worn-out-age.entity';
import { SessionRecordEntity } from '../sessions/entities/session-record.entity';

/** Every entity, in one list shared by the Nest module, the migration data source and activities. */
export const ENTITIES = [
  CaseRecordEntity,
  CaseEventEntity,
  TrackingCodeEntity,
  NotificationIntentEntity,
  NotificationEntity,
  NotificationDeliveryEntity,
  NotificationPreferenceEntity,
  SessionRecordEntity,
  AgencyEntity,
  UserEntity,
  RefreshTokenEntity,
  AuditLogEntity,
  DocumentEntity,
  WornOutAgeEntity,
  CalendarClosureEntity,
  MaintenanceNoticeEntity,
  OfficialHolidayEntity,
  ChecklistSlotEntity,
  ActionKeyEntity,
  ComplaintCodeEntity,
  ComplaintRecordEntity,
  ComplaintEventEntity,
];
