import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { CalendarClosureEntity } from './calendar/entities/calendar-closure.entity';
import { ChecklistSlotEntity } from './request-types/entities/checklist-slot.entity';
import { OfficialHolidayEntity } from './calendar/entities/official-holiday.entity';
import { WornOutAgeEntity } from './worn-out-ages/entities/worn-out-age.entity';
import { ReferenceController } from './request-types/request-types.controller';
import { RequestTypesService } from './request-types/request-types.service';
import { VehicleBalanceController } from './vehicle-balance/vehicle-balance.controller';
import { VehicleBalanceService } from './vehicle-balance/vehicle-balance.service';
import { WornOutAgesController } from './worn-out-ages/worn-out-ages.controller';
import { WornOutAgesService } from './worn-out-ages/worn-out-ages.service';

/**
 * Reference data, readable by everyone signed in and kept by administrators: request types and
 * their checklists, worn-out ages by usage class, the working calendar's holidays and
 * closures; and an agency's retired-versus-bought vehicle balance for the purchase reviewer.
 * One sub-folder per part (calendar/, request-types/, vehicle-balance/, worn-out-ages/), each with
 * its controller, service, DTOs and entities.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      WornOutAgeEntity,
      CalendarClosureEntity,
      OfficialHolidayEntity,
      ChecklistSlotEntity,
    ]),
  ],
  controllers: [
    ReferenceController,
    WornOutAgesController,
    CalendarController,
    VehicleBalanceController,
  ],
  providers: [RequestTypesService, WornOutAgesService, CalendarService, VehicleBalanceService],
  exports: [RequestTypesService, WornOutAgesService, CalendarService],
})
export class ReferenceModule {}
