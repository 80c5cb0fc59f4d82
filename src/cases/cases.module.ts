import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActionKeysService } from '../temporal/action-keys.service';
import { ActionKeyEntity } from '../common/entities/action-key.entity';
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
      ActionKeyEntity,
    ]),
  ],
  controllers: [CasesController],
  providers: [CasesService, ActionKeysService],
})
export class CasesModule {}
