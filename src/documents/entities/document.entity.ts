import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The metadata of one uploaded document. Its bytes are kept apart, by the DocumentStorage
 * (`document_contents` in PostgreSQL), so listing never loads them. Rows are never deleted or
 * changed, except that a newer upload to the same slot sets `superseded_by` once (a trigger
 * enforces both; migration 1764648000000-Documents).
 */
@Entity({ name: 'documents' })
@Index('IDX_documents_case_uploaded', ['caseId', 'uploadedAt'])
@Index('UQ_documents_current_slot', ['caseId', 'slot'], {
  unique: true,
  where: '"superseded_by" IS NULL',
})
export class DocumentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** The checklist slot of the case's request type the document satisfies. */
  @Column({ type: 'varchar', length: 64 })
  slot!: string;

  /** The client's file name, sanitised (no path, no control characters, ≤ 255 characters). */
  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  /** The detected type's content type (never the client's claim). */
  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  /** SHA-256 of the content, lower-case hex. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy!: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;

  /** The later upload to the same slot that replaced this one; null while it is current. */
  @Column({ name: 'superseded_by', type: 'uuid', nullable: true })
  supersededBy!: string | null;
}
