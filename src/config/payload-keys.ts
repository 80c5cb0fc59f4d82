import { randomBytes } from 'node:crypto';

/**
 * The keys that encrypt Temporal payloads (TEMPORAL_PAYLOAD_KEYS), as configuration reads and
 * checks them; src/temporal/encryption-codec.ts encrypts with them.
 */
export interface PayloadKeys {
  /** Key id → 32-byte AES key. Old ids stay to decrypt old histories (rotation adds a key). */
  keys: ReadonlyMap<string, Buffer>;
  /** The id new payloads are encrypted with. */
  currentKeyId: string;
}

export class PayloadKeyError extends Error {
  override readonly name = 'PayloadKeyError';
}

/** The current id has a key and every key is 32 bytes (AES-256); throws PayloadKeyError. */
export function checkPayloadKeys(keys: PayloadKeys): void {
  if (!keys.keys.has(keys.currentKeyId)) {
    throw new PayloadKeyError(`the current payload key id "${keys.currentKeyId}" has no key`);
  }
  for (const [id, key] of keys.keys) {
    if (key.length !== 32)
      throw new PayloadKeyError(`payload key "${id}" must be 32 bytes (AES-256)`);
  }
}

/**
 * Parses `id:base64key,id2:base64key2` (TEMPORAL_PAYLOAD_KEYS). The current id is the given
 * one, or the first listed.
 */
export function parsePayloadKeys(spec: string, currentKeyId?: string): PayloadKeys {
  const keys = new Map<string, Buffer>();
  for (const entry of spec
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(':');
    if (separator <= 0) throw new PayloadKeyError('each payload key must be written id:base64key');
    const id = entry.slice(0, separator);
    if (!/^[A-Za-z0-9._-]{1,32}$/.test(id))
      throw new PayloadKeyError(`payload key id "${id}" is not valid`);
    if (keys.has(id)) throw new PayloadKeyError(`payload key id "${id}" is listed twice`);
    keys.set(id, Buffer.from(entry.slice(separator + 1), 'base64'));
  }
  const first = keys.keys().next();
  if (first.done) throw new PayloadKeyError('no payload key is configured');
  return { keys, currentKeyId: currentKeyId ?? first.value };
}

/** A new random key in the TEMPORAL_PAYLOAD_KEYS format. */
export function generatePayloadKey(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}
