import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** SHA-256 (hex) of a value's canonical JSON: what an Idempotency-Key is bound to. */
export function requestHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** A UUID (version 8, RFC 9562) derived from a text: the same text, the same id. */
export function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
