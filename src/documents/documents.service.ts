import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { Principal } from '../common/access/principal';
import { canSeeAgencyCase } from '../cases/cases.service';
import { CaseRecordEntity } from '../cases/entities/case-record.entity';
import { AppError } from '../common/errors/app-error';
import { formatJalali } from '../common/jalali';
import { RequestTypesService } from '../reference/request-types/request-types.service';
import { checklistStatus, isChecklistComplete, STAGES_OPEN_FOR_DOCUMENTS } from './checklist';
import { checkContent, type ContentCheck, DOCUMENT_KINDS } from './content-type';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage';
import {
  FILE_FIELD,
  MAX_DOCUMENT_BYTES,
  type UploadedDocumentFile,
} from './document-upload.interceptor';
import { CaseDocumentsDto, DocumentDto } from './dto/document.dto';
import { DocumentEntity } from './entities/document.entity';
import { sanitiseFileName } from './file-name';

/**
 * Namespace (first key) of the transaction-scoped advisory locks that serialise uploads to one
 * slot of one case (second key: a hash of both), so that exactly one document stays current.
 */
const DOCUMENT_SLOT_LOCK_NAMESPACE = 7405101;

/** Why an upload's content was refused, for the `details` of DOCUMENT.TYPE_NOT_ALLOWED. */
const CONTENT_PROBLEMS: Record<
  Exclude<ContentCheck, { ok: true }>['reason'],
  { fa: string; en: string }
> = {
  unsupportedContent: {
    fa: 'محتوای فایل PDF، JPEG یا PNG نیست (هر نامی که داشته باشد).',
    en: 'The file’s content is not PDF, JPEG or PNG (whatever its name says).',
  },
  extensionMismatch: {
    fa: 'پسوند نام فایل با نوع محتوای آن نمی‌خواند.',
    en: 'The file name’s extension does not match its content.',
  },
  contentTypeMismatch: {
    fa: 'نوع اعلام‌شده فایل (Content-Type) با محتوای آن نمی‌خواند.',
    en: 'The file’s declared content type does not match its content.',
  },
  typeUndeclared: {
    fa: 'نه پسوند نام فایل و نه نوع اعلام‌شده آن، نوع فایل را نمی‌گوید.',
    en: 'Neither the file name’s extension nor its declared content type says what it is.',
  },
};

/** A stored document's bytes with its metadata, for downloading. */
export interface DocumentContent {
  document: DocumentEntity;
  content: Buffer;
}

/**
 * Case documents: uploads checked by content and stored durably (metadata and bytes in one
 * transaction, answered only after it commits), listed against the request type's checklist,
 * and downloaded. File contents and names never reach the log; ids do.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(CaseRecordEntity) private readonly cases: Repository<CaseRecordEntity>,
    @InjectRepository(DocumentEntity) private readonly documents: Repository<DocumentEntity>,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly requestTypes: RequestTypesService,
  ) {}

  /**
   * Stores one upload for a slot of the case's checklist. Only the case's own agency's clerk may
   * (another agency's case is "not found"), and only while the case is open for documents. A
   * later upload to the same slot supersedes the earlier one, which is kept.
   */
  async upload(
    principal: Principal,
    caseId: string,
    slot: string,
    file: UploadedDocumentFile | undefined,
  ): Promise<DocumentDto> {
    const record = await this.cases.findOneBy({ id: caseId });
    if (!record || !principal.roles.includes('CLERK') || principal.agencyId !== record.agencyId) {
      throw new AppError('CASE.NOT_FOUND');
    }
    if (!(STAGES_OPEN_FOR_DOCUMENTS as readonly string[]).includes(record.stage)) {
      throw new AppError('CASE.WRONG_STAGE');
    }
    const checklist = await this.requestTypes.checklist(record.requestType, record.registeredAt);
    if (!checklist.some((s) => s.code === slot)) {
      const codes = checklist.map((s) => s.code);
      throw new AppError('DOCUMENT.SLOT_UNKNOWN', [
        {
          field: 'slot',
          code: 'slotUnknown',
          message: {
            fa: `مدرک «${slot}» در فهرست مدارک این نوع درخواست نیست؛ یکی از این‌ها را بفرستید: ${codes.join('، ')}.`,
            en: `${slot} is not on the checklist of ${record.requestType} requests; send one of ${codes.join(', ')}.`,
          },
        },
      ]);
    }
    if (!file) {
      throw new AppError('REQUEST.VALIDATION_FAILED', [
        {
          field: FILE_FIELD,
          code: 'required',
          message: {
            fa: 'فیلد «file» الزامی است: فایل را در فرم multipart/form-data بفرستید.',
            en: 'file is required: send the file in a multipart/form-data form',
          },
        },
      ]);
    }
    const content = file.buffer;
    if (!content || content.length === 0) throw new AppError('DOCUMENT.EMPTY');
    // Multer enforces the limit while receiving; checked again in case that is ever configured away.
    if (content.length > MAX_DOCUMENT_BYTES) throw new AppError('DOCUMENT.TOO_LARGE');
    const check = checkContent(content, file.mimetype, file.originalname);
    if (!check.ok) {
      throw new AppError('DOCUMENT.TYPE_NOT_ALLOWED', [
        { field: FILE_FIELD, code: check.reason, message: { ...CONTENT_PROBLEMS[check.reason] } },
      ]);
    }

    const document: DocumentEntity = {
      id: randomUUID(),
      caseId,
      slot,
      fileName: sanitiseFileName(
        file.originalname,
        `document.${DOCUMENT_KINDS[check.kind].extensions[0]}`,
      ),
      contentType: check.contentType,
      sizeBytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      uploadedBy: principal.userId,
      uploadedAt: new Date(),
      supersededBy: null,
    };
    let superseded: string[] = [];
    await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2::text))', [
        DOCUMENT_SLOT_LOCK_NAMESPACE,
        `${caseId}/${slot}`,
      ]);
      // The current document of the slot, if any, is superseded by this one (the foreign key is
      // deferred, so it may name the row inserted next).
      const rows: { id: string }[] = await tx.query(
        `UPDATE "documents" SET "superseded_by" = $1
          WHERE "case_id" = $2 AND "slot" = $3 AND "superseded_by" IS NULL
          RETURNING "id"`,
        [document.id, caseId, slot],
      );
      superseded = rows.map((r) => r.id);
      await tx.getRepository(DocumentEntity).insert(document);
      await this.storage.put(document.id, content, tx);
    });
    // Committed: only now is the upload acknowledged.
    this.logger.log(
      {
        caseId,
        documentId: document.id,
        slot,
        sizeBytes: document.sizeBytes,
        kind: check.kind,
        superseded,
      },
      'document stored',
    );
    return toDocumentDto(document);
  }

  /** The case's documents, newest first, and its checklist with what fills each slot. */
  async list(principal: Principal, caseId: string): Promise<CaseDocumentsDto> {
    const record = await this.readableCase(principal, caseId);
    const documents = await this.documents.find({
      where: { caseId },
      order: { uploadedAt: 'DESC', id: 'ASC' },
    });
    const checklist = checklistStatus(
      await this.requestTypes.checklist(record.requestType, record.registeredAt),
      documents,
    );
    return {
      caseId,
      requestType: record.requestType,
      complete: isChecklistComplete(checklist),
      checklist,
      documents: documents.map(toDocumentDto),
    };
  }

  /** One document's bytes, checked against its stored SHA-256 before they are handed out. */
  async content(
    principal: Principal,
    caseId: string,
    documentId: string,
  ): Promise<DocumentContent> {
    await this.readableCase(principal, caseId);
    const document = await this.documents.findOneBy({ id: documentId, caseId });
    if (!document) throw new AppError('DOCUMENT.NOT_FOUND');
    const content = await this.storage.get(documentId);
    if (!content) {
      this.logger.error({ caseId, documentId }, 'document metadata without stored content');
      throw new AppError('SERVICE.INTERNAL');
    }
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (sha256 !== document.sha256 || content.length !== document.sizeBytes) {
      this.logger.error({ caseId, documentId }, 'stored document content fails its checksum');
      throw new AppError('SERVICE.INTERNAL');
    }
    return { document, content };
  }

  /** The case, if the principal may read it; another agency's case is "not found". */
  private async readableCase(principal: Principal, caseId: string): Promise<CaseRecordEntity> {
    const record = await this.cases.findOneBy({ id: caseId });
    if (!record || !canSeeAgencyCase(principal, record.agencyId)) {
      throw new AppError('CASE.NOT_FOUND');
    }
    return record;
  }
}

export function toDocumentDto(document: DocumentEntity): DocumentDto {
  const uploadedAt = new Date(document.uploadedAt).toISOString();
  return {
    id: document.id,
    caseId: document.caseId,
    slot: document.slot,
    fileName: document.fileName,
    contentType: document.contentType,
    sizeBytes: document.sizeBytes,
    sha256: document.sha256,
    uploadedBy: document.uploadedBy,
    uploadedAt,
    uploadedAtJalali: formatJalali(uploadedAt),
    supersededBy: document.supersededBy,
  };
}
