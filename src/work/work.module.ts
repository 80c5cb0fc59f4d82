import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseRecordEntity } from '../cases/entities/case-record.entity';
import { ReferenceModule } from '../reference/reference.module';
import { SessionRecordEntity } from '../sessions/entities/session-record.entity';
import { WorkController } from './work.controller';
import { WorkService } from './work.service';

@Module({
  imports: [ReferenceModule, TypeOrmModule.forFeature([CaseRecordEntity, SessionRecordEntity])],
  controllers: [WorkController],
  providers: [WorkService],
})
export class WorkModule {}
