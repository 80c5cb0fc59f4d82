import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseRecordEntity } from '../cases/entities/case-record.entity';
import { WorkflowGateway } from '../temporal/workflow-gateway.service';
import { ActionKeyEntity } from '../common/entities/action-key.entity';
import { UserEntity } from '../identity/entities/user.entity';
import { ReferenceModule } from '../reference/reference.module';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsService } from './complaints.service';
import { ComplaintCodeEntity } from './entities/complaint-code.entity';
import { ComplaintEventEntity } from './entities/complaint-event.entity';
import { ComplaintRecordEntity } from './entities/complaint-record.entity';

@Module({
  imports: [
    ReferenceModule,
    TypeOrmModule.forFeature([
      ComplaintRecordEntity,
      ComplaintEventEntity,
      ComplaintCodeEntity,
      CaseRecordEntity,
      UserEntity,
      ActionKeyEntity,
    ]),
  ],
  controllers: [ComplaintsController],
  providers: [ComplaintsService, WorkflowGateway],
})
export class ComplaintsModule {}
