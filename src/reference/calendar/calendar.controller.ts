import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route';
import { ReferenceChange } from '../reference-change.decorator';
import { Access } from '../../common/access/access';
import { CurrentPrincipal } from '../../common/access/current-principal.decorator';
import type { Principal } from '../../common/access/principal';
import { CalendarService } from './calendar.service';
import {
  AddClosureRequestDto,
  AddHolidayRequestDto,
  CalendarHolidayDto,
  CalendarClosureDto,
  CalendarQueryDto,
  ClosureDateParams,
  WorkingCalendarDto,
} from './dto/calendar.dto';

const PINNED =
  'A change counts for cases registered after it is made; a case already registered keeps ' +
  'the working calendar it was registered with (docs/domain.md §3.2), so its deadlines do not move.';

/** The working calendar: official holidays and one-off closures, both kept by administrators. */
@ApiTags('reference')
@ApiBearerAuth()
@Controller('reference/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @Access.signedIn()
  @ApiRoute(
    {
      summary: 'Working calendar of a Jalali year — تقویم کاری یک سال (تعطیلات رسمی و تعطیلی‌ها)',
      description:
        'Whether Thursday is worked (the province’s setting; Friday never is), the official ' +
        `holidays with their occasions, and the one-off closures. ${PINNED}`,
    },
    {
      ok: { type: WorkingCalendarDto },
      badRequest: 'year is not a whole number between 1300 and 1499',
    },
  )
  get(@Query() query: CalendarQueryDto): Promise<WorkingCalendarDto> {
    return this.calendar.calendarOf(query.year ?? this.calendar.currentJalaliYear());
  }

  @Post('closures')
  @HttpCode(201)
  @ReferenceChange(
    { action: 'reference.closure.add', idFromResponse: 'date' },
    {
      summary: 'Record a one-off closure — ثبت تعطیلی (آلودگی هوا، کمبود انرژی و …)',
      description: `The date is Jalali (YYYY/MM/DD; Persian digits accepted). ${PINNED}`,
    },
    {
      created: { type: CalendarClosureDto },
      badRequest: 'Not an existing Jalali day, or no reason',
      conflict: 'REFERENCE.CLOSURE_EXISTS',
    },
  )
  add(
    @CurrentPrincipal() principal: Principal,
    @Body() body: AddClosureRequestDto,
  ): Promise<CalendarClosureDto> {
    return this.calendar.addClosure(body.date, body.reason, principal.userId);
  }

  @Delete('closures/:date')
  @HttpCode(204)
  @ReferenceChange(
    { action: 'reference.closure.remove', idParam: 'date' },
    {
      summary: 'Remove a closure — حذف تعطیلی',
      description: `The date in the path is Jalali written YYYY-MM-DD, e.g. 1405-10-15. ${PINNED}`,
    },
  )
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'REFERENCE.CLOSURE_NOT_FOUND' })
  async remove(@Param() params: ClosureDateParams): Promise<void> {
    await this.calendar.removeClosure(params.date);
  }

  @Post('holidays')
  @HttpCode(201)
  @ReferenceChange(
    { action: 'reference.holiday.add', idFromResponse: 'date' },
    {
      summary: 'Record an official holiday — ثبت تعطیل رسمی',
      description:
        'Official holidays are entered per year (the lunar ones move about eleven days a year); ' +
        'a day may carry several occasions. The date is Jalali (YYYY/MM/DD; Persian digits ' +
        `accepted). The answer is the day with all its occasions. ${PINNED}`,
    },
    {
      created: { type: CalendarHolidayDto },
      badRequest: 'Not an existing Jalali day, or no occasion',
      conflict: 'REFERENCE.HOLIDAY_EXISTS (the same occasion that day)',
    },
  )
  addHoliday(
    @CurrentPrincipal() principal: Principal,
    @Body() body: AddHolidayRequestDto,
  ): Promise<CalendarHolidayDto> {
    return this.calendar.addHoliday(body, principal.userId);
  }

  @Delete('holidays/:date')
  @HttpCode(204)
  @ReferenceChange(
    { action: 'reference.holiday.remove', idParam: 'date' },
    {
      summary: 'Make a day an ordinary working day again — حذف تعطیل رسمی',
      description:
        'Removes every occasion recorded on that day. The date in the path is Jalali written ' +
        `YYYY-MM-DD, e.g. 1405-01-13. ${PINNED}`,
    },
  )
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'REFERENCE.HOLIDAY_NOT_FOUND' })
  async removeHoliday(@Param() params: ClosureDateParams): Promise<void> {
    await this.calendar.removeHoliday(params.date);
  }
}
