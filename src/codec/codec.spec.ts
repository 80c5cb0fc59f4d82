import { Controller, Get, INestApplication } from '@nestjs/common';
import { APP_FILTER, Reflector } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import request from 'supertest';
import { Access, ACCESS_RULE, type AccessRule } from '../common/access/access';
import { ProblemDetailsFilter } from '../common/errors/problem-details.filter';
import { createValidationPipe } from '../common/validation/validation.pipe';
import { ConfigModule } from '../config/config.module';
import { ConfigurationError, loadConfig } from '../config/configuration';
import { EncryptionCodec, ENCRYPTED_ENCODING } from '../temporal/encryption-codec';
import { generatePayloadKey, parsePayloadKeys } from '../config/payload-keys';
import { CodecController } from './codec.controller';
import { CodecModule } from './codec.module';
import { payloadFromJson, payloadToJson } from './codec.service';
import { isBase64Bytes, MAX_PAYLOADS } from './dto/payloads.dto';

const KEYS = `${generatePayloadKey('k2')},${generatePayloadKey('k1')}`;
const UI = 'http://127.0.0.1:8233';
const registration = { plate: '47ب921-33', vin: 'NAAM01E07HK654321', note: 'حسین رضایی' };

@Controller('elsewhere')
class ElsewhereController {
  @Get()
  @Access.public()
  get(): { ok: true } {
    return { ok: true };
  }
}

async function appWith(env: Record<string, string>): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(loadConfig(env)), CodecModule],
    controllers: [ElsewhereController],
    providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalPipes(createValidationPipe());
  await app.init();
  return app;
}

const text = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

describe('codec endpoint (Temporal remote codec protocol)', () => {
  let app: INestApplication;
  const codec = new EncryptionCodec(parsePayloadKeys(KEYS));

  beforeAll(async () => {
    app = await appWith({ TEMPORAL_PAYLOAD_KEYS: KEYS });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('decodes encrypted payloads into the payloads a client of this service wrote', async () => {
    const sealed = await codec.encode([defaultPayloadConverter.toPayload(registration)]);
    const plain = defaultPayloadConverter.toPayload('not encrypted');
    const res = await request(app.getHttpServer())
      .post('/codec/decode')
      .set('X-Namespace', 'default')
      .send({ payloads: [...sealed, plain].map(payloadToJson) })
      .expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.payloads).toHaveLength(2);
    const [opened, passed] = res.body.payloads;
    expect(text(opened.metadata.encoding)).toBe('json/plain');
    expect(JSON.parse(text(opened.data))).toEqual(registration);
    expect(passed).toEqual(payloadToJson(plain)); // unencrypted payloads pass through
  });

  it('encodes with the current key, and what it encodes decodes back', async () => {
    const plain = payloadToJson(defaultPayloadConverter.toPayload(registration));
    const encoded = await request(app.getHttpServer())
      .post('/codec/encode')
      .send({ payloads: [plain] })
      .expect(200);
    const [sealed] = encoded.body.payloads;
    expect(text(sealed.metadata.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed.metadata['encryption-key-id'])).toBe('k2');
    for (const secret of Object.values(registration))
      expect(text(sealed.data)).not.toContain(secret);
    const [back] = await codec.decode([payloadFromJson(sealed)]);
    expect(defaultPayloadConverter.fromPayload(back)).toEqual(registration);

    const decoded = await request(app.getHttpServer())
      .post('/codec/decode')
      .send(encoded.body)
      .expect(200);
    expect(decoded.body.payloads).toEqual([plain]);
  });

  it('decodes a sealed empty result (binary/null, no data)', async () => {
    const nothing = defaultPayloadConverter.toPayload(undefined);
    const sealed = await codec.encode([nothing]);
    const res = await request(app.getHttpServer())
      .post('/codec/decode')
      .send({ payloads: sealed.map(payloadToJson) })
      .expect(200);
    expect(res.body.payloads).toEqual([
      { metadata: { encoding: Buffer.from('binary/null').toString('base64') }, data: '' },
    ]);
  });

  it('accepts an empty list and payloads without metadata or data (proto3 JSON omits empty fields)', async () => {
    await request(app.getHttpServer())
      .post('/codec/decode')
      .send({ payloads: [] })
      .expect(200, { payloads: [] });
    const res = await request(app.getHttpServer())
      .post('/codec/decode')
      .send({ payloads: [{}] })
      .expect(200);
    expect(res.body).toEqual({ payloads: [{ metadata: {}, data: '' }] });
  });

  it('refuses a payload sealed with an unknown key, or tampered with, naming which one', async () => {
    const foreign = new EncryptionCodec(parsePayloadKeys(generatePayloadKey('k9')));
    const [unknownKey] = await foreign.encode([defaultPayloadConverter.toPayload('x')]);
    const [good] = await codec.encode([defaultPayloadConverter.toPayload('y')]);
    const res = await request(app.getHttpServer())
      .post('/codec/decode')
      .send({ payloads: [payloadToJson(good), payloadToJson(unknownKey)] })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'CODEC.INVALID_PAYLOAD',
      details: [{ field: 'payloads[1]', code: 'undecodable' }],
    });

    const tampered = Buffer.from(good.data!);
    tampered[20] ^= 0xff;
    const bad = await request(app.getHttpServer())
      .post('/codec/decode')
      .send({ payloads: [payloadToJson({ ...good, data: tampered })] })
      .expect(400);
    expect(bad.body).toMatchObject({
      code: 'CODEC.INVALID_PAYLOAD',
      details: [{ field: 'payloads[0]' }],
    });

    const truncated: Payload = { ...good, data: Buffer.from(good.data!).subarray(0, 10) };
    await request(app.getHttpServer())
      .post('/codec/decode')
      .send({ payloads: [payloadToJson(truncated)] })
      .expect(400)
      .expect((r) => expect(r.body.code).toBe('CODEC.INVALID_PAYLOAD'));
  });

  it.each([
    ['no payloads field', {}, 'payloads'],
    ['payloads not a list', { payloads: 'x' }, 'payloads'],
    ['data not base64', { payloads: [{ data: 'not base64!' }] }, 'payloads[0].data'],
    ['data not a string', { payloads: [{ data: 12 }] }, 'payloads[0].data'],
    [
      'a metadata value not base64',
      { payloads: [{ metadata: { encoding: 'é' } }] },
      'payloads[0].metadata',
    ],
    ['metadata a list', { payloads: [{ metadata: ['YQ=='] }] }, 'payloads[0].metadata'],
    ['an unknown field', { payloads: [{ data: '', extra: 1 }] }, 'payloads[0].extra'],
    ['a payload that is not an object', { payloads: ['YQ=='] }, 'payloads[0]'],
  ])('refuses a body with %s, field by field', async (_name, body, field) => {
    const res = await request(app.getHttpServer()).post('/codec/decode').send(body).expect(400);
    expect(res.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it(`refuses more than ${MAX_PAYLOADS} payloads`, async () => {
    const payloads = Array.from({ length: MAX_PAYLOADS + 1 }, () => ({ data: '' }));
    const res = await request(app.getHttpServer())
      .post('/codec/encode')
      .send({ payloads })
      .expect(400);
    expect(res.body.details[0]).toMatchObject({ field: 'payloads', code: 'arrayMaxSize' });
    await request(app.getHttpServer())
      .post('/codec/encode')
      .send({ payloads: payloads.slice(1) })
      .expect(200);
  });

  it('answers only for the service’s namespace', async () => {
    const res = await request(app.getHttpServer())
      .post('/codec/decode')
      .set('X-Namespace', 'someone-else')
      .send({ payloads: [] })
      .expect(400);
    expect(res.body.details[0]).toMatchObject({ field: 'X-Namespace', code: 'namespace' });
  });

  it('answers CODEC.NOT_CONFIGURED when no payload keys are configured', async () => {
    const bare = await appWith({});
    try {
      for (const path of ['/codec/decode', '/codec/encode']) {
        const res = await request(bare.getHttpServer())
          .post(path)
          .send({ payloads: [] })
          .expect(503);
        expect(res.body.code).toBe('CODEC.NOT_CONFIGURED');
      }
    } finally {
      await bare.close();
    }
  });

  it('declares an access rule on every handler: operators only', () => {
    const reflector = new Reflector();
    const handlers = Object.getOwnPropertyNames(CodecController.prototype).filter(
      (name) => name !== 'constructor',
    );
    expect(handlers.sort()).toEqual(['decode', 'encode']);
    for (const name of handlers) {
      const handler = CodecController.prototype[name as keyof CodecController];
      expect(reflector.get<AccessRule>(ACCESS_RULE, handler)).toEqual({
        kind: 'roles',
        roles: ['OPERATOR'],
        scope: undefined,
      });
    }
  });

  it('is in the OpenAPI document under the codec tag', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    for (const path of ['/codec/decode', '/codec/encode']) {
      expect(document.paths[path].post?.tags).toEqual(['codec']);
      expect(document.paths[path].post?.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'X-Namespace', in: 'header' })]),
      );
    }
  });

  describe('CORS (the Web UI calls the endpoint from the browser)', () => {
    it('answers a preflight from the embedded Web UI’s origin, before authentication', async () => {
      for (const path of ['/codec/decode', '/codec/encode']) {
        const res = await request(app.getHttpServer())
          .options(path)
          .set('Origin', UI)
          .set('Access-Control-Request-Method', 'POST')
          .set('Access-Control-Request-Headers', 'content-type,authorization,x-namespace')
          .expect(204);
        expect(res.headers).toMatchObject({
          'access-control-allow-origin': UI,
          'access-control-allow-credentials': 'true',
          'access-control-allow-methods': 'POST, OPTIONS',
          'access-control-allow-headers': 'content-type, authorization, x-namespace',
        });
        expect(res.headers.vary).toMatch(/Origin/);
      }
    });

    it('marks the answers (also errors) for an allowed origin', async () => {
      const ok = await request(app.getHttpServer())
        .post('/codec/decode')
        .set('Origin', 'http://localhost:8233')
        .send({ payloads: [] })
        .expect(200);
      expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:8233');
      expect(ok.headers['access-control-allow-credentials']).toBe('true');
      const bad = await request(app.getHttpServer())
        .post('/codec/decode')
        .set('Origin', UI)
        .send({})
        .expect(400);
      expect(bad.headers['access-control-allow-origin']).toBe(UI);
    });

    it('gives other origins no CORS headers', async () => {
      const preflight = await request(app.getHttpServer())
        .options('/codec/decode')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'POST')
        .expect(204);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
      const post = await request(app.getHttpServer())
        .post('/codec/decode')
        .set('Origin', 'https://evil.example')
        .send({ payloads: [] });
      expect(post.headers['access-control-allow-origin']).toBeUndefined();
      expect(post.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('leaves routes outside /codec alone', async () => {
      const res = await request(app.getHttpServer())
        .get('/elsewhere')
        .set('Origin', UI)
        .expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await request(app.getHttpServer())
        .options('/elsewhere')
        .set('Origin', UI)
        .set('Access-Control-Request-Method', 'GET');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('uses CODEC_CORS_ORIGINS when set', async () => {
      const custom = await appWith({
        TEMPORAL_PAYLOAD_KEYS: KEYS,
        CODEC_CORS_ORIGINS: 'https://temporal-ui.example.org, http://localhost:8080/',
      });
      try {
        for (const [origin, allowed] of [
          ['https://temporal-ui.example.org', true],
          ['http://localhost:8080', true],
          [UI, false],
        ] as const) {
          const res = await request(custom.getHttpServer())
            .options('/codec/decode')
            .set('Origin', origin)
            .set('Access-Control-Request-Method', 'POST')
            .expect(204);
          expect(res.headers['access-control-allow-origin']).toBe(allowed ? origin : undefined);
        }
      } finally {
        await custom.close();
      }
    });
  });
});

describe('CODEC_CORS_ORIGINS configuration', () => {
  it('defaults to the embedded Temporal Web UI’s origins, following its port', () => {
    expect(loadConfig({}).codec.corsOrigins).toEqual([
      'http://127.0.0.1:8233',
      'http://localhost:8233',
    ]);
    expect(loadConfig({ EMBEDDED_TEMPORAL_UI_PORT: '9000' }).codec.corsOrigins).toEqual([
      'http://127.0.0.1:9000',
      'http://localhost:9000',
    ]);
  });

  it('reads a comma-separated list, normalised to origins', () => {
    expect(
      loadConfig({
        CODEC_CORS_ORIGINS: 'https://UI.example.org/, http://[::1]:8080,https://ui.example.org',
      }).codec.corsOrigins,
    ).toEqual(['https://ui.example.org', 'http://[::1]:8080']);
  });

  it.each([
    '*',
    'ui.example.org',
    'https://ui.example.org/path',
    'ftp://x',
    'https://a,,https://b',
  ])('refuses %s in one line naming the variable', (value) => {
    expect(() => loadConfig({ CODEC_CORS_ORIGINS: value })).toThrow(ConfigurationError);
    expect(() => loadConfig({ CODEC_CORS_ORIGINS: value })).toThrow(
      /^Invalid configuration: CODEC_CORS_ORIGINS must be comma-separated origins/,
    );
  });
});

describe('base64 bytes (proto3 JSON)', () => {
  it.each([
    ['', true],
    ['YQ==', true],
    ['YWI=', true],
    ['YWJj', true],
    ['YQ', true],
    ['-_-_', true],
    ['Y', false],
    ['YQ=', false],
    ['a b=', false],
    ['é', false],
  ])('%j → %s', (value, valid) => {
    expect(isBase64Bytes(value)).toBe(valid);
  });
});
