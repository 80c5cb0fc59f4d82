import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { checkPayloadKeys, PayloadKeyError, type PayloadKeys } from '../config/payload-keys';

/** Metadata marking an encrypted payload, and naming the key that encrypted it. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const text = (value: string) => new TextEncoder().encode(value);

/** Runs synchronous work so that a throw becomes a rejected promise, as codec callers expect. */
const inPromise = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));

/**
 * Encrypts every workflow and activity payload (inputs, results, state carried over, queries,
 * updates) with AES-256-GCM, so Temporal's history holds no personal data in plain text. The
 * whole original payload, metadata included, is sealed; the key id travels in the metadata.
 * Payloads written before encryption was enabled decode unchanged.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: PayloadKeys) {
    checkPayloadKeys(keys);
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
