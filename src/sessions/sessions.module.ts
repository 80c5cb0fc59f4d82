import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkflowGateway } from '../temporal/workflow-gateway.service';
import { ActionKeyEntity } from '../common/entities/action-key.entity';
import { ReferenceModule } from '../reference/reference.module';
import { UserEntity } from '../identity/entities/user.entity';
import { SessionRecordEntity } from './entities/session-record.entity';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/** Article 2 Commission sessions: planning, agenda, decisions and minutes, over their workflows. */
@Module({
  imports: [
    ReferenceModule,
    TypeOrmModule.forFeature([SessionRecordEntity, UserEntity, ActionKeyEntity]),
  ],
  controllers: [SessionsController],
  providers: [SessionsService, WorkflowGateway],
})
export class SessionsModule {}
