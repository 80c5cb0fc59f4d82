import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import { encodeFailure } from '@temporalio/common/lib/internal-non-workflow/codec-helpers';
import { EncryptionCodec } from './encryption-codec';
import { generatePayloadKey, parsePayloadKeys } from '../config/payload-keys';
import { failureConverter } from './failure-converter';
import { dataConverterFor, FAILURE_CONVERTER_PATH } from './temporal-connection';

describe('failure converter', () => {
  it('moves messages and stack traces into encoded attributes, which the codec then encrypts', async () => {
    const secret = 'پلاک ۱۲ب۳۴۵ و کد ملی 0499370899';
    const failure = failureConverter.errorToFailure(
      ApplicationFailure.nonRetryable(`refused: ${secret}`, 'CASE.TEST'),
      defaultPayloadConverter,
    );
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace).toBe('');
    expect(JSON.stringify(failure)).not.toContain('0499370899');
    const codec = new EncryptionCodec(parsePayloadKeys(generatePayloadKey('k1')));
    const encoded = await encodeFailure([codec], failure);
    const bytes = Buffer.from(encoded.encodedAttributes!.data!).toString('utf8');
    expect(bytes).not.toContain('0499370899');
    // And it comes back whole for those who hold the key.
    const [decoded] = await codec.decode([encoded.encodedAttributes!]);
    const back = failureConverter.failureToError(
      { ...failure, encodedAttributes: decoded },
      defaultPayloadConverter,
    );
    expect(back.message).toContain(secret);
  });

  it('is the converter of every client and worker, with or without payload keys', () => {
    expect(dataConverterFor({ payloadKeys: undefined } as never).failureConverterPath).toBe(
      FAILURE_CONVERTER_PATH,
    );
  });
});
