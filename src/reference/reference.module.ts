import { Module } from '@nestjs/common';
import { ReferenceController } from './reference.controller';
import { RequestTypesService } from './request-types.service';

/** Reference data (request types and their document checklists), read-only. */
@Module({
  controllers: [ReferenceController],
  providers: [RequestTypesService],
  exports: [RequestTypesService],
})
export class ReferenceModule {}
