import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { CalendarClosureEntity } from './entities/calendar-closure.entity';
import { ChecklistSlotEntity } from './entities/checklist-slot.entity';
import { OfficialHolidayEntity } from './entities/official-holiday.entity';
import { WornOutAgeEntity } from './entities/worn-out-age.entity';
import { ReferenceController } from './reference.controller';
import { RequestTypesService } from './request-types.service';
import { VehicleBalanceController } from './vehicle-balance.controller';
import { VehicleBalanceService } from './vehicle-balance.service';
import { WornOutAgesController } from './worn-out-ages.controller';
import { WornOutAgesService } from './worn-out-ages.service';

/**
 * Reference data, readable by everyone signed in and kept by administrators: request types and
 * their checklists, worn-out ages by usage class, the working calendar's holidays and
 * closures; and an agency's retired-versus-bought vehicle balance for the purchase reviewer.
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
