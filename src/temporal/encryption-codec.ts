import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** Metadata marking an encrypted payload, and naming the key that encrypted it. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const text = (value: string) => new TextEncoder().encode(value);

/** Runs synchronous work so that a throw becomes a rejected promise, as codec callers expect. */
const inPromise = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));

export interface PayloadKeys {
  /** Key id → 32-byte AES key. Old ids stay to decrypt old histories (rotation adds a key). */
  keys: ReadonlyMap<string, Buffer>;
  /** The id new payloads are encrypted with. */
  currentKeyId: string;
}

export class PayloadKeyError extends Error {
  override readonly name = 'PayloadKeyError';
}

/**
 * Encrypts every workflow and activity payload (inputs, results, state carried over, queries,
 * updates) with AES-256-GCM, so Temporal's history holds no personal data in plain text. The
 * whole original payload, metadata included, is sealed; the key id travels in the metadata.
 * Payloads written before encryption was enabled decode unchanged.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: PayloadKeys) {
    if (!keys.keys.has(keys.currentKeyId)) {
      throw new PayloadKeyError(`the current payload key id "${keys.currentKeyId}" has no key`);
    }
    for (const [id, key] of keys.keys) {
      if (key.length !== 32)
        throw new PayloadKeyError(`payload key "${id}" must be 32 bytes (AES-256)`);
    }
  }

  encode(payloads: Payload[]): Promise<Payload[]> {
    return inPromise(() => payloads.map((payload) => this.encrypt(payload)));
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return inPromise(() => payloads.map((payload) => this.decrypt(payload)));
  }

  private encrypt(payload: Payload): Payload {
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keys.keys.get(this.keys.currentKeyId)!, iv);
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        encoding: text(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: text(this.keys.currentKeyId),
      },
      data: sealed,
    };
  }

  private decrypt(payload: Payload): Payload {
    const encoding = payload.metadata?.encoding;
    if (!encoding || Buffer.from(encoding).toString() !== ENCRYPTED_ENCODING) return payload;
    const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
    const keyId = keyIdBytes ? Buffer.from(keyIdBytes).toString() : '';
    const key = this.keys.keys.get(keyId);
    if (!key) throw new PayloadKeyError(`no payload key with id "${keyId}" is configured`);
    const sealed = Buffer.from(payload.data ?? new Uint8Array());
    if (sealed.length < IV_BYTES + TAG_BYTES)
      throw new PayloadKeyError('encrypted payload is truncated');
    const decipher = createDecipheriv(ALGORITHM, key, sealed.subarray(0, IV_BYTES));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return temporal.api.common.v1.Payload.decode(plain);
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
