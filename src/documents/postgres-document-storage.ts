import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { DocumentStorage } from './document-storage';

/**
 * Document bytes in PostgreSQL: one `bytea` row per document in `document_contents`, written in
 * the upload's own transaction, so metadata and bytes commit (or vanish) together.
 */
@Injectable()
export class PostgresDocumentStorage implements DocumentStorage {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async put(documentId: string, content: Buffer, tx: EntityManager): Promise<void> {
    await tx.query('INSERT INTO "document_contents" ("document_id", "content") VALUES ($1, $2)', [
      documentId,
      content,
    ]);
  }

  async get(documentId: string): Promise<Buffer | undefined> {
    const rows: { content: Buffer }[] = await this.dataSource.query(
      'SELECT "content" FROM "document_contents" WHERE "document_id" = $1',
      [documentId],
    );
    return rows[0]?.content;
  }
}
