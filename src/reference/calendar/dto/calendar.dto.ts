import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { NormalizeDigits, PersianText } from '../../../common/validation/decorators';
import { IsJalaliDate, REFERENCE_JALALI_YEARS } from '../jalali-date';
import { IntegerFromDigits } from '../../worn-out-ages/dto/worn-out-age.dto';

export class CalendarQueryDto {
  @ApiPropertyOptional({
    example: 1405,
    minimum: REFERENCE_JALALI_YEARS.min,
    maximum: REFERENCE_JALALI_YEARS.max,
    description: 'Jalali year; the current one (in Iran) when left out',
  })
  @IsOptional()
  @IntegerFromDigits()
  @IsInt()
  @Min(REFERENCE_JALALI_YEARS.min)
  @Max(REFERENCE_JALALI_YEARS.max)
  year?: number;
}

export class CalendarHolidayDto {
  @ApiProperty({ example: '1405/01/01', description: 'Jalali YYYY/MM/DD' }) date!: string;
  @ApiProperty({ example: '2026-03-21', description: 'The same day, Gregorian (ISO)' })
  gregorianDate!: string;
  @ApiProperty({
    example: ['Nowruz', 'Eid al-Fitr'],
    description: 'The occasions (several may share a day)',
  })
  occasions!: string[];
  @ApiProperty({
    example: ['1447/03/17'],
    description: 'For lunar holidays, the Hijri qamari dates they commemorate (to check)',
  })
  hijriDates!: string[];
}

export class CalendarClosureDto {
  @ApiProperty({ example: '1405/10/15', description: 'Jalali YYYY/MM/DD' }) date!: string;
  @ApiProperty({ example: '2027-01-05', description: 'The same day, Gregorian (ISO)' })
  gregorianDate!: string;
  @ApiProperty({ example: 'آلودگی هوا' }) reason!: string;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: '1405/10/14 18:05' }) createdAtJalali!: string;
}

export class WorkingCalendarDto {
  @ApiProperty({ example: 1405 }) year!: number;
  @ApiProperty({
    description: 'The province’s setting (THURSDAY_IS_WORKING_DAY); Friday is never worked',
  })
  thursdayIsWorkingDay!: boolean;
  @ApiProperty({
    description:
      'Whether any official holiday of this year has been entered; when false, `holidays` ' +
      'is empty because an administrator has not entered the year yet, not because it has none',
  })
  holidaysKnown!: boolean;
  @ApiProperty({ type: [CalendarHolidayDto], description: 'Official holidays, in date order' })
  holidays!: CalendarHolidayDto[];
  @ApiProperty({ type: [CalendarClosureDto], description: 'One-off closures, in date order' })
  closures!: CalendarClosureDto[];
}

export class AddClosureRequestDto {
  @ApiProperty({
    example: '1405/10/15',
    description:
      'Jalali YYYY/MM/DD, an existing day; Persian digits and `-` separators are accepted ' +
      '(stored as 1405/10/15)',
  })
  @IsJalaliDate()
  date!: string;

  @ApiProperty({ example: 'تعطیلی به دلیل آلودگی هوا', minLength: 2, maxLength: 500 })
  @PersianText({ min: 2, max: 500 })
  reason!: string;
}

export class ClosureDateParams {
  @ApiProperty({
    example: '1405-10-15',
    description: 'The Jalali date written YYYY-MM-DD (a path cannot hold `/`)',
  })
  @IsJalaliDate()
  date!: string;
}

export class AddHolidayRequestDto {
  @ApiProperty({
    example: '1406/01/01',
    description: 'Jalali YYYY/MM/DD, an existing day; Persian digits and `-` accepted',
  })
  @IsJalaliDate()
  date!: string;

  @ApiProperty({ example: 'عید نوروز', minLength: 2, maxLength: 200 })
  @PersianText({ min: 2, max: 200 })
  occasion!: string;

  @ApiPropertyOptional({
    example: '1448/10/01',
    description: 'For a lunar holiday, the Hijri qamari date YYYY/MM/DD it commemorates',
  })
  @IsOptional()
  @NormalizeDigits()
  @Matches(/^1[34][0-9]{2}\/(0[1-9]|1[0-2])\/(0[1-9]|[12][0-9]|30)$/, {
    message: 'hijriDate must be a Hijri qamari date YYYY/MM/DD (months of at most 30 days)',
    context: {
      fa: 'فیلد «hijriDate» باید تاریخ هجری قمری به شکل YYYY/MM/DD باشد (ماه‌ها حداکثر ۳۰ روز).',
      en: 'hijriDate must be a Hijri qamari date YYYY/MM/DD (months of at most 30 days)',
    },
  })
  hijriDate?: string;
}
