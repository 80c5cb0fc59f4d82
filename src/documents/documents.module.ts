import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseRecordEntity } from '../cases/entities/case-record.entity';
import { ReferenceModule } from '../reference/reference.module';
import { DOCUMENT_STORAGE } from './document-storage';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { DocumentEntity } from './entities/document.entity';
import { PostgresDocumentStorage } from './postgres-document-storage';

/**
 * Case documents (upload, list, download). Brings in the reference data it checks slots
 * against (ReferenceModule, which also serves GET /reference/request-types). Bytes go to the
 * DocumentStorage bound here: PostgreSQL now; bind another implementation to move them.
 */
@Module({
  imports: [TypeOrmModule.forFeature([DocumentEntity, CaseRecordEntity]), ReferenceModule],
  controllers: [DocumentsController],
  providers: [
    DocumentsService,
    PostgresDocumentStorage,
    { provide: DOCUMENT_STORAGE, useExisting: PostgresDocumentStorage },
  ],
})
export class DocumentsModule {}
