import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseRecordEntity } from '../cases/entities/case-record.entity';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';

/** The operators' console over Temporal: visibility, histories, stuck cases, safe actions. */
@Module({
  imports: [TypeOrmModule.forFeature([CaseRecordEntity])],
  controllers: [OperationsController],
  providers: [OperationsService],
})
export class OperationsModule {}
