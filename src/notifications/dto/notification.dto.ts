import { PageQuery, queryBoolean } from '../../common/validation/page-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { BilingualTextDto } from '../../reference/request-types/dto/request-type.dto';

export class ListNotificationsQueryDto extends PageQuery(200, 50) {
  @ApiPropertyOptional({ description: 'only unread notifications' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  unread?: boolean;
}

export class NotificationIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class DeliveryDto {
  @ApiProperty({ enum: ['IN_APP', 'EMAIL', 'SMS'] }) channel!: string;
  @ApiProperty({ enum: ['QUEUED', 'SENT', 'FAILED'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'why it failed (last attempt)',
  })
  lastError!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) sentAt!:
    string | null;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'RESULT_PERMIT' }) event!: string;
  @ApiProperty({ type: BilingualTextDto }) title!: BilingualTextDto;
  @ApiProperty({ type: BilingualTextDto }) body!: BilingualTextDto;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) caseId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) sessionId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: '1405/09/05 10:30' }) createdAtJalali!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) readAt!:
    string | null;
  @ApiProperty({ type: [DeliveryDto], description: 'how it reached the user, channel by channel' })
  deliveries!: DeliveryDto[];
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty() total!: number;
  @ApiProperty() unread!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class UnreadCountDto {
  @ApiProperty() unread!: number;
}

export class MarkedDto {
  @ApiProperty({ description: 'how many notifications were marked read' }) marked!: number;
}

export class NotificationPreferencesDto {
  @ApiProperty({ description: 'The in-app inbox: always on' }) inApp!: boolean;
  @ApiProperty() email!: boolean;
  @ApiProperty({ description: 'SMS only for urgent events (results, deadlines, invitations)' })
  sms!: boolean;
  @ApiProperty({ description: 'whether an e-mail address is on file (administrators set it)' })
  emailOnFile!: boolean;
  @ApiProperty({ description: 'whether a mobile number is on file' }) mobileOnFile!: boolean;
}

export class UpdateNotificationPreferencesDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() email?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() sms?: boolean;
}
