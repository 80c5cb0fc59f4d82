/**
 * What an upload really is, told by its first bytes (its "magic number"), and whether the name
 * and content type the client declared agree with it. Only PDF, PNG and JPEG are accepted.
 */
export const DOCUMENT_KINDS = {
  PDF: {
    contentType: 'application/pdf',
    /** Content types clients send for it (the first is the one stored and served). */
    contentTypes: ['application/pdf', 'application/x-pdf'],
    extensions: ['pdf'],
    magic: [Buffer.from('%PDF-', 'latin1')],
  },
  PNG: {
    contentType: 'image/png',
    contentTypes: ['image/png', 'image/x-png'],
    extensions: ['png'],
    magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  },
  JPEG: {
    contentType: 'image/jpeg',
    contentTypes: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
    extensions: ['jpg', 'jpeg'],
    magic: [Buffer.from([0xff, 0xd8, 0xff])],
  },
} as const;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;

/** Content types that say nothing about the file (a client that did not know it). */
const UNDECLARED_CONTENT_TYPES = new Set(['', 'application/octet-stream']);

/** The kind the bytes start with, or undefined when they are none of the accepted ones. */
export function detectKind(content: Uint8Array): DocumentKind | undefined {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  for (const [kind, spec] of Object.entries(DOCUMENT_KINDS) as [
    DocumentKind,
    (typeof DOCUMENT_KINDS)[DocumentKind],
  ][]) {
    if (spec.magic.some((magic) => bytes.subarray(0, magic.length).equals(magic))) return kind;
  }
  return undefined;
}

/** `application/PDF; charset=binary` → `application/pdf`. */
export function bareContentType(declared: string | undefined): string {
  return (declared ?? '').split(';')[0].trim().toLowerCase();
}

/** The extension of a file name, lower-case and without the dot (`''` when it has none). */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export type ContentCheck =
  | { ok: true; kind: DocumentKind; contentType: string }
  | {
      ok: false;
      /**
       * `unsupportedContent`: the bytes are not a PDF, PNG or JPEG (whatever the name says);
       * `extensionMismatch`: the file name's extension names another type than the content;
       * `contentTypeMismatch`: the declared content type names another type than the content;
       * `typeUndeclared`: neither the name nor the content type says what the file is.
       */
      reason: 'unsupportedContent' | 'extensionMismatch' | 'contentTypeMismatch' | 'typeUndeclared';
      detected?: DocumentKind;
    };

/**
 * Accepts an upload only when its content is a PDF, PNG or JPEG and what the client declared
 * agrees: the file name's extension, if it has one, must be one of the detected type's, and so
 * must the declared content type unless it is the generic `application/octet-stream`. At least
 * one of the two must name the type. The stored content type is the detected one's, never the
 * client's.
 */
export function checkContent(
  content: Uint8Array,
  declaredContentType: string | undefined,
  fileName: string,
): ContentCheck {
  const kind = detectKind(content);
  if (!kind) return { ok: false, reason: 'unsupportedContent' };
  const spec = DOCUMENT_KINDS[kind];
  const extension = extensionOf(fileName);
  const declared = bareContentType(declaredContentType);
  const extensionNames = extension !== '';
  const contentTypeNames = !UNDECLARED_CONTENT_TYPES.has(declared);
  if (extensionNames && !(spec.extensions as readonly string[]).includes(extension)) {
    return { ok: false, reason: 'extensionMismatch', detected: kind };
  }
  if (contentTypeNames && !(spec.contentTypes as readonly string[]).includes(declared)) {
    return { ok: false, reason: 'contentTypeMismatch', detected: kind };
  }
  if (!extensionNames && !contentTypeNames) {
    return { ok: false, reason: 'typeUndeclared', detected: kind };
  }
  return { ok: true, kind, contentType: spec.contentType };
}
