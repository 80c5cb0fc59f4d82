import { Inject, Injectable } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import { AppError } from '../common/errors/app-error';
import { ERROR_CATALOGUE } from '../common/errors/error-catalogue';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/configuration';
import { EncryptionCodec } from '../temporal/encryption-codec';
import type { PayloadDto } from './dto/payloads.dto';

const fromBase64 = (value: string | undefined): Uint8Array => Buffer.from(value ?? '', 'base64');
// protobufjs gives an unset bytes field its default, which may be a plain empty array.
const toBase64 = (value: Uint8Array | null | undefined): string =>
  value && value.length > 0 ? Buffer.from(value).toString('base64') : '';

/** Proto3 JSON (base64 bytes) → a Payload. */
export function payloadFromJson(json: PayloadDto): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(json.metadata ?? {}).map(([key, value]) => [key, fromBase64(value)]),
    ),
    data: fromBase64(json.data),
  };
}

/** A Payload → proto3 JSON (base64 bytes). */
export function payloadToJson(payload: Payload): PayloadDto {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, toBase64(value)]),
    ),
    data: toBase64(payload.data),
  };
}

/**
 * Temporal's remote codec protocol over the service's own EncryptionCodec (the keys of
 * TEMPORAL_PAYLOAD_KEYS): the Web UI and the CLI send payloads from a history and show what
 * comes back.
 */
@Injectable()
export class CodecService {
  private readonly codec?: EncryptionCodec;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const keys = config.temporal.payloadKeys;
    this.codec = keys ? new EncryptionCodec(keys) : undefined;
  }

  /** Opens encrypted payloads; others pass through unchanged (as the codec does for workers). */
  async decode(payloads: PayloadDto[], namespace?: string): Promise<PayloadDto[]> {
    const codec = this.codecFor(namespace);
    const decoded: PayloadDto[] = [];
    for (const [index, json] of payloads.entries()) {
      let opened: Payload[];
      try {
        opened = await codec.decode([payloadFromJson(json)]);
      } catch {
        // Unknown key id, truncated or tampered: say which payload, never why in detail.
        throw new AppError('CODEC.INVALID_PAYLOAD', [
          {
            field: `payloads[${index}]`,
            code: 'undecodable',
            message: ERROR_CATALOGUE['CODEC.INVALID_PAYLOAD'].message,
          },
        ]);
      }
      decoded.push(payloadToJson(opened[0]));
    }
    return decoded;
  }

  /** Seals payloads with the current key, as a client of this service would. */
  async encode(payloads: PayloadDto[], namespace?: string): Promise<PayloadDto[]> {
    const sealed = await this.codecFor(namespace).encode(payloads.map(payloadFromJson));
    return sealed.map(payloadToJson);
  }

  private codecFor(namespace: string | undefined): EncryptionCodec {
    if (!this.codec) throw new AppError('CODEC.NOT_CONFIGURED');
    const ours = this.config.temporal.namespace;
    if (namespace !== undefined && namespace !== ours) {
      const en = `X-Namespace must be this service's namespace "${ours}"`;
      throw new AppError('REQUEST.VALIDATION_FAILED', [
        {
          field: 'X-Namespace',
          code: 'namespace',
          message: { fa: `سرآیند X-Namespace باید فضای نام این سامانه («${ours}») باشد.`, en },
        },
      ]);
    }
    return this.codec;
  }
}
