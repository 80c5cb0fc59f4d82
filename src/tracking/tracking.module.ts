import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseRecordEntity } from '../cases/entities/case-record.entity';
import { TrackingController } from './tracking.controller';

@Module({
  imports: [TypeOrmModule.forFeature([CaseRecordEntity])],
  controllers: [TrackingController],
})
export class TrackingModule {}
