import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgencyEntity } from '../identity/entities/agency.entity';
import { ReferenceModule } from '../reference/reference.module';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { IdempotencyKeyEntity } from './entities/idempotency-key.entity';
import { CaseRecordEntity } from './entities/case-record.entity';
import { TrackingCodeEntity } from './entities/tracking-code.entity';

@Module({
  imports: [
    ReferenceModule,
    TypeOrmModule.forFeature([
      CaseRecordEntity,
      TrackingCodeEntity,
      AgencyEntity,
      IdempotencyKeyEntity,
    ]),
  ],
  controllers: [CasesController],
  providers: [CasesService],
})
export class CasesModule {}
