import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsObject, Matches, ValidateBy, ValidateNested } from 'class-validator';
import { isStorableInstant } from '../../common/validation/instant';
import { IsStringOfLength, PersianText } from '../../common/validation/decorators';
import { MAX_MESSAGE_LENGTH, type NoticeStatus } from '../maintenance-window';

/** A complete ISO-8601 instant with its offset, e.g. `2026-03-01T22:00:00+03:30`. */
function IsIsoInstant(): PropertyDecorator {
  return ValidateBy(
    { name: 'isIsoInstant', validator: { validate: (value: unknown) => isStorableInstant(value) } },
    {
      message: '$property must be an ISO-8601 instant with its offset, e.g. 2026-03-01T22:00:00Z',
      context: {
        fa: 'زمان باید به قالب ISO-8601 همراه با اختلاف ساعت باشد، مانند 2026-03-01T22:00:00+03:30.',
        en: 'must be an ISO-8601 instant with its offset, e.g. 2026-03-01T22:00:00+03:30',
      },
    },
  );
}

const trimmed = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class NoticeMessageRequestDto {
  @ApiProperty({
    example: 'سامانه برای ارتقای پایگاه داده از ساعت ۲۲ تا ۲۴ در دسترس نخواهد بود.',
    maxLength: MAX_MESSAGE_LENGTH,
  })
  @PersianText({ min: 2, max: MAX_MESSAGE_LENGTH })
  fa!: string;

  @ApiProperty({
    example: 'The service is unavailable for a database upgrade from 22:00 to 24:00.',
    maxLength: MAX_MESSAGE_LENGTH,
  })
  @Transform(trimmed)
  @IsStringOfLength({ min: 2, max: MAX_MESSAGE_LENGTH })
  en!: string;
}

export class PublishNoticeRequestDto {
  @ApiProperty({
    format: 'date-time',
    example: '2026-12-01T22:00:00+03:30',
    description:
      'When writes stop: at least MAINTENANCE_MIN_LEAD_MINUTES from now (none when it extends a ' +
      'window under way), at most 365 days ahead',
  })
  @IsIsoInstant()
  startsAt!: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-12-02T00:00:00+03:30',
    description: 'When writes resume: after startsAt, at most 7 days later',
  })
  @IsIsoInstant()
  endsAt!: string;

  @ApiProperty({ type: NoticeMessageRequestDto, description: 'What users are told, fa and en' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => NoticeMessageRequestDto)
  message!: NoticeMessageRequestDto;
}

export class CancelNoticeRequestDto {
  @ApiProperty({ example: 'ارتقا به زمان دیگری موکول شد.', minLength: 2, maxLength: 500 })
  @PersianText({ min: 2, max: 500 })
  reason!: string;
}

export class NoticeIdParams {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i, {
    message: 'id must be a UUID',
    context: { fa: 'شناسه اطلاعیه باید UUID باشد.', en: 'id must be a UUID' },
  })
  id!: string;
}

class NoticeMessageDto {
  @ApiProperty() fa!: string;
  @ApiProperty() en!: string;
}

export class NoticeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: ['UPCOMING', 'ACTIVE', 'ENDED', 'CANCELLED'],
    description: 'ACTIVE: writes are refused now (503 SERVICE.MAINTENANCE)',
  })
  status!: NoticeStatus;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ example: '1405/09/10 22:00', description: 'Jalali, Iran time' })
  startsAtJalali!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ example: '1405/09/11 00:00', description: 'Jalali, Iran time' })
  endsAtJalali!: string;
  @ApiProperty({ type: NoticeMessageDto }) message!: NoticeMessageDto;
  @ApiPropertyOptional({ format: 'date-time', description: 'Only on a cancelled notice' })
  cancelledAt?: string;
  @ApiPropertyOptional({ example: '1405/09/10 23:10' })
  cancelledAtJalali?: string;
  @ApiPropertyOptional({ description: 'Only on a cancelled notice' })
  cancelReason?: string;
}
