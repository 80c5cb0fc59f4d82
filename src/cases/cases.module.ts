import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkflowGateway } from '../temporal/workflow-gateway.service';
import { ActionKeyEntity } from '../common/entities/action-key.entity';
import { AgencyEntity } from '../identity/entities/agency.entity';
import { ReferenceModule } from '../reference/reference.module';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CaseRecordEntity } from './entities/case-record.entity';
import { TrackingCodeEntity } from './entities/tracking-code.entity';

@Module({
  imports: [
    ReferenceModule,
    TypeOrmModule.forFeature([CaseRecordEntity, TrackingCodeEntity, AgencyEntity, ActionKeyEntity]),
  ],
  controllers: [CasesController],
  providers: [CasesService, WorkflowGateway],
})
export class CasesModule {}
