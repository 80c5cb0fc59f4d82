import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { PublicReportsController, ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/**
 * Service-level reports (docs/domain.md §3.6): per stage and request type by Jalali month, open
 * breaches, CSV export, and a public summary without personal data.
 */
@Module({
  imports: [ReferenceModule],
  controllers: [ReportsController, PublicReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
