import type { EntityManager } from 'typeorm';

/** Injection token of the DocumentStorage in use. */
export const DOCUMENT_STORAGE = Symbol('DocumentStorage');

/**
 * Where the bytes of documents live, by document id; the metadata always stays in the
 * `documents` table. PostgreSQL (`document_contents`) now; a folder or object store can take
 * its place by implementing this and being bound to DOCUMENT_STORAGE.
 *
 * An upload is acknowledged only after the metadata transaction commits, so `put` must have
 * made the bytes durable by the time it returns: the PostgreSQL store writes them in that same
 * transaction (`tx`); a store outside the database ignores `tx`, writes and syncs before
 * returning, and may be left with bytes no metadata names when the transaction rolls back
 * (harmless: nothing was acknowledged, and such orphans can be swept by id).
 */
export interface DocumentStorage {
  put(documentId: string, content: Buffer, tx: EntityManager): Promise<void>;
  /** The bytes, or undefined when none are stored under the id. */
  get(documentId: string): Promise<Buffer | undefined>;
}
