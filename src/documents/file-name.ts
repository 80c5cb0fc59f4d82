/** The longest stored file name, in characters (the column is checked for it too). */
export const MAX_FILE_NAME_LENGTH = 255;

// Control characters, and the bidirectional overrides and isolates that can make `gpj.exe`
// display as `exe.jpg`. ZWNJ (U+200C), which Persian spelling needs, is kept.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// Characters file systems or headers give a meaning to.
const RESERVED = /[<>:"/\\|?*]/g;

/**
 * A client's file name made safe to store and to offer back: no directories, no control or
 * direction-changing characters, none of `<>:"/\|?*`, Unicode NFC, trimmed, at most 255
 * characters (the extension is kept when it is shortened). `fallback` when nothing is left.
 */
export function sanitiseFileName(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  let clean = base
    .normalize('NFC')
    .replace(UNSAFE, '')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (clean === '') return fallback;
  const chars = Array.from(clean);
  if (chars.length > MAX_FILE_NAME_LENGTH) {
    const dot = clean.lastIndexOf('.');
    const extension = dot > 0 ? Array.from(clean.slice(dot)) : [];
    const keep = extension.length < 16 ? extension : [];
    clean = chars.slice(0, MAX_FILE_NAME_LENGTH - keep.length).join('') + keep.join('');
  }
  return clean;
}

/** RFC 8187 encoding of a header parameter value (`filename*=UTF-8''…`). */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `Content-Disposition: attachment` naming the file: an ASCII `filename` for old clients and the
 * exact name as `filename*=UTF-8''…` (RFC 6266), so a Persian name arrives intact.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc8187(fileName)}`;
}
