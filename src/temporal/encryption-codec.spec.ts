import { defaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec, ENCRYPTED_ENCODING } from './encryption-codec';
import { generatePayloadKey, parsePayloadKeys, PayloadKeyError } from '../config/payload-keys';

const registration = { plate: '12ب345-15', vin: 'NAAM01E07HK123456', nationalCode: '0012345679' };

describe('payload encryption codec', () => {
  const v1 = generatePayloadKey('v1');
  const v2 = generatePayloadKey('v2');

  it('seals a payload so none of its content is readable, and opens it again', async () => {
    const codec = new EncryptionCodec(parsePayloadKeys(v1));
    const payload = defaultPayloadConverter.toPayload(registration);
    const [sealed] = await codec.encode([payload]);
    expect(Buffer.from(sealed.metadata!.encoding).toString()).toBe(ENCRYPTED_ENCODING);
    const raw =
      Buffer.from(sealed.data!).toString('latin1') + Buffer.from(sealed.data!).toString('utf8');
    for (const secret of Object.values(registration)) expect(raw).not.toContain(secret);
    const [opened] = await codec.decode([sealed]);
    expect(defaultPayloadConverter.fromPayload(opened)).toEqual(registration);
  });

  it('uses a fresh IV each time', async () => {
    const codec = new EncryptionCodec(parsePayloadKeys(v1));
    const payload = defaultPayloadConverter.toPayload(registration);
    const [a, b] = await codec.encode([payload, payload]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  it('rotates by adding a key: new payloads use the current id, old ones still open', async () => {
    const before = new EncryptionCodec(parsePayloadKeys(v1));
    const [old] = await before.encode([defaultPayloadConverter.toPayload('old')]);
    const after = new EncryptionCodec(parsePayloadKeys(`${v1},${v2}`, 'v2'));
    const [fresh] = await after.encode([defaultPayloadConverter.toPayload('new')]);
    expect(Buffer.from(fresh.metadata!['encryption-key-id']).toString()).toBe('v2');
    const opened = await after.decode([old, fresh]);
    expect(opened.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual(['old', 'new']);
  });

  it('refuses an unknown key id and a tampered payload, and passes unencrypted payloads through', async () => {
    const [sealed] = await new EncryptionCodec(parsePayloadKeys(v2)).encode([
      defaultPayloadConverter.toPayload('x'),
    ]);
    await expect(new EncryptionCodec(parsePayloadKeys(v1)).decode([sealed])).rejects.toThrow(
      PayloadKeyError,
    );
    const tampered = { ...sealed, data: Buffer.from(sealed.data!).fill(0, 20, 21) };
    await expect(new EncryptionCodec(parsePayloadKeys(v2)).decode([tampered])).rejects.toThrow();
    const plain = defaultPayloadConverter.toPayload('plain');
    expect(await new EncryptionCodec(parsePayloadKeys(v1)).decode([plain])).toEqual([plain]);
  });

  it('rejects malformed key configuration with a clear message', () => {
    expect(() => parsePayloadKeys('')).toThrow('no payload key is configured');
    expect(() => parsePayloadKeys('nokey')).toThrow('id:base64key');
    expect(() => new EncryptionCodec(parsePayloadKeys('v1:c2hvcnQ='))).toThrow('32 bytes');
    expect(() => parsePayloadKeys(`${v1},${v1}`)).toThrow('listed twice');
    expect(() => new EncryptionCodec(parsePayloadKeys(v1, 'v9'))).toThrow('"v9" has no key');
  });
});
