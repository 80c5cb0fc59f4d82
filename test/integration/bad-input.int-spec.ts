import { ModulesContainer } from '@nestjs/core';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { routeInventory } from '../../src/auth/route-inventory';
import { ERROR_CATALOGUE } from '../../src/common/errors/error-catalogue';
import { ACCESS_MATRIX, type Fixtures, WHO, type Who } from './access-matrix';
import { eventually, RunningStack, startStack } from './harness/app-harness';
import { TEST_PASSWORD } from './harness/identity';
import { matrixFixtures } from './harness/matrix-fixtures';

/**
 * Bad input at every endpoint, called as a role the access matrix allows: malformed JSON, bodies
 * of the wrong JSON type, unknown fields carrying SQL, oversized bodies, hostile path
 * parameters and query strings of the wrong type. Every answer is a problem+json with a stable
 * code and a Persian message — never a 5xx, never a stack trace — and nothing is stored.
 */

const INJECTION = "x'; DROP TABLE cases; --";
const STACK_TRACE = /at .*\.(js|ts):\d+/;
const PERSIAN = /[\u0600-\u06FF]/;
/** Tables a bad request must leave alone (audit_log grows with every refusal: not counted). */
const TABLES = [
  'cases',
  'tracking_codes',
  'users',
  'agencies',
  'documents',
  'sessions',
  'action_keys',
  'official_holidays',
  'checklist_slots',
  'calendar_closures',
  'refresh_tokens',
  'complaints',
  'maintenance_notices',
  'notification_preferences',
  'worn_out_ages',
];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a handler takes, read from Nest's own metadata. */
interface HandlerShape {
  /** The DTO class of its JSON body, when it has one. */
  body?: unknown;
  /** The DTO class of its query string, when it has one. */
  query?: unknown;
  /** Takes a file upload (multipart/form-data): its JSON probes live in documents.int-spec.ts. */
  multipart: boolean;
}

function handlerShapes(modules: ModulesContainer): Map<string, HandlerShape> {
  const shapes = new Map<string, HandlerShape>();
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller) continue;
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name === 'constructor' || typeof proto[name] !== 'function') continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          { index: number }
        >;
        const types = (Reflect.getMetadata('design:paramtypes', proto, name) ?? []) as unknown[];
        const ofType = (type: RouteParamtypes) =>
          Object.entries(args).find(([key]) => key.split(':')[0] === String(type))?.[1];
        const body = ofType(RouteParamtypes.BODY);
        const query = ofType(RouteParamtypes.QUERY);
        shapes.set(`${controller.name}.${name}`, {
          body: body && types[body.index],
          query: query && types[query.index],
          multipart: !!(ofType(RouteParamtypes.FILE) ?? ofType(RouteParamtypes.FILES)),
        });
      }
    }
  }
  return shapes;
}

/** Wrong values for the query DTO of each endpoint that has one, with the field each must name. */
const WRONG_QUERIES: Record<string, [query: string, field: string][]> = {
  'GET /cases': [
    ['limit=abc', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['offset=-1', 'offset'],
    ['breached=maybe', 'breached'],
    ['registeredFrom=yesterday', 'registeredFrom'],
    ['stage=NOPE', 'stage'],
    [`agencyId=${encodeURIComponent(INJECTION)}`, 'agencyId'],
    [`sort=${encodeURIComponent(INJECTION)}`, 'sort'],
  ],
  'GET /admin/users': [
    ['limit=abc', 'limit'],
    ['offset=-1', 'offset'],
    ['role=ROOT', 'role'],
    [`agencyId=${encodeURIComponent(INJECTION)}`, 'agencyId'],
  ],
  'GET /audit': [
    ['limit=abc', 'limit'],
    ['beforeSeq=0', 'beforeSeq'],
    ['outcome=NOPE', 'outcome'],
    [`from=${encodeURIComponent(INJECTION)}`, 'from'],
    [`actorUserId=${encodeURIComponent(INJECTION)}`, 'actorUserId'],
    [`resourceId=${encodeURIComponent(INJECTION)}`, 'resourceId'],
    [`action=${encodeURIComponent(INJECTION)}`, 'action'],
  ],
  'GET /audit/verify': [
    ['fromSeq=abc', 'fromSeq'],
    ['toSeq=-1', 'toSeq'],
  ],
  'GET /sessions': [
    ['limit=abc', 'limit'],
    ['stage=NOPE', 'stage'],
    [`from=${encodeURIComponent(INJECTION)}`, 'from'],
  ],
  'GET /notifications': [
    ['unread=maybe', 'unread'],
    ['limit=abc', 'limit'],
    ['offset=-1', 'offset'],
  ],
  'GET /reference/calendar': [
    ['year=abc', 'year'],
    ['year=1', 'year'],
  ],
  'GET /complaints': [
    ['limit=abc', 'limit'],
    ['offset=-1', 'offset'],
    ['status=NOPE', 'status'],
    [`kind=${encodeURIComponent(INJECTION)}`, 'kind'],
  ],
  'DELETE /sessions/:id/agenda/:caseId': [
    ['reason=x', 'reason'],
    ['reason=first&reason=second', 'reason'],
  ],
  'GET /reports/service-level': [
    ['year=abc&month=1', 'year'],
    ['year=1399&month=1', 'year'],
    ['year=1405&month=13', 'month'],
    ['year=1405&month=1.5', 'month'],
    ['year=1405&month=1&month=2', 'month'],
    ['year=1405&month=1&requestType=NOPE', 'requestType'],
    ['year=1405&month=1&format=xml', 'format'],
  ],
  'GET /reports/breaches': [
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['offset=-1', 'offset'],
    ['requestType=NOPE', 'requestType'],
    [`format=${encodeURIComponent(INJECTION)}`, 'format'],
  ],
  'GET /operations/cases': [
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['status=NOPE', 'status'],
    ['stage=NOPE', 'stage'],
    ['breached=maybe', 'breached'],
    [`agencyId=${encodeURIComponent(INJECTION)}`, 'agencyId'],
  ],
  'GET /operations/cases/count': [
    ['requestType=NOPE', 'requestType'],
    ['status=open', 'status'],
    [`agencyId=${encodeURIComponent(INJECTION)}`, 'agencyId'],
  ],
  'GET /operations/cases/:id/history': [
    ['payloads=maybe', 'payloads'],
    [`payloads=${encodeURIComponent(INJECTION)}`, 'payloads'],
  ],
  'GET /public/service-level': [
    ['year=1405', 'month'],
    ['year=1405&month=0', 'month'],
    [`year=${encodeURIComponent(INJECTION)}&month=1`, 'year'],
  ],
};

/** Domain codes an endpoint may answer for a malformed parameter, besides the field refusal. */
const PARAM_REFUSALS: Record<string, string[]> = {
  // A tracking code is read leniently (Persian digits, spaces, dashes) and then checked.
  'GET /track/:code': ['TRACKING.INVALID_CODE'],
  'GET /complaints/track/:code': ['TRACKING.INVALID_CODE'],
};

describe('bad input at every endpoint: refused in the one error format, nothing stored', () => {
  let stack: RunningStack;
  const auth = new Map<Who, string | undefined>();
  let fixtures: Fixtures;
  let shapes: Map<string, HandlerShape>;
  /** `METHOD /path/:param` → its handler, as Nest routes it. */
  let handlers: Map<string, string>;
  let countsBefore: Record<string, number>;

  const counts = async (): Promise<Record<string, number>> => {
    const result: Record<string, number> = {};
    for (const table of TABLES) {
      const rows: { n: number }[] = await stack.dataSource.query(
        `SELECT count(*)::int AS n FROM ${table}`,
      );
      result[table] = rows[0].n;
    }
    return result;
  };

  /** The first caller the matrix lets through (anonymous for public endpoints). */
  const allowedCaller = (endpoint: string): string | undefined => {
    const who = WHO.find((w) => ACCESS_MATRIX[endpoint].verdicts[w] === 'allow');
    if (!who) throw new Error(`no role may call ${endpoint}`);
    return auth.get(who);
  };

  const call = (endpoint: string, path: string) => {
    const method = endpoint.split(' ')[0].toLowerCase() as Method;
    let req = request(stack.baseUrl)[method](path);
    const bearer = allowedCaller(endpoint);
    if (bearer) req = req.set('authorization', bearer);
    return req;
  };

  const shapeOf = (endpoint: string): HandlerShape => {
    const handler = handlers.get(endpoint);
    const shape = handler && shapes.get(handler);
    if (!shape) throw new Error(`no handler for ${endpoint}`);
    return shape;
  };

  /**
   * What is wrong with an answer, or null when it is the expected problem: exact status and
   * code, problem+json, a catalogued code, a Persian message and no stack trace.
   */
  function problemWith(
    res: request.Response,
    status: number,
    code: string,
    field?: string,
  ): string | null {
    const body = res.body as {
      code?: string;
      message?: { fa?: string };
      details?: { field: string }[];
    };
    const got = `${res.status} ${body?.code}`;
    if (res.status >= 500) return `answered ${got}: a server error`;
    if (res.status !== status || body?.code !== code)
      return `expected ${status} ${code}, got ${got}`;
    if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) {
      return `content-type ${res.headers['content-type']}`;
    }
    if (!(body.code in ERROR_CATALOGUE)) return `uncatalogued code ${body.code}`;
    if (!PERSIAN.test(body.message?.fa ?? '')) return 'no Persian message';
    if (STACK_TRACE.test(res.text ?? '') || STACK_TRACE.test(JSON.stringify(res.body))) {
      return 'a stack trace in the answer';
    }
    if (field && !(body.details ?? []).some((d) => d.field === field)) {
      return `details do not name ${field}: ${JSON.stringify(body.details)}`;
    }
    return null;
  }

  /**
   * POSTs `bytes` exactly as given (supertest would serialise a Buffer as JSON); `chunked`
   * sends them without a length, and with no type when `type` is undefined.
   */
  const rawPost = (path: string, type: string | undefined, bytes: Buffer, chunked = false) =>
    new Promise<{ status: number; body: { code?: string } }>((resolve, reject) => {
      const headers: Record<string, string | number> = {};
      if (type !== undefined) headers['content-type'] = type;
      if (!chunked) headers['content-length'] = bytes.length;
      const req = httpRequest(`${stack.baseUrl}${path}`, { method: 'POST', headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: string },
          }),
        );
      });
      req.on('error', reject);
      req.end(bytes);
    });

  beforeAll(async () => {
    stack = await startStack();
    const built = await matrixFixtures(stack, 'bad input');
    built.auth.forEach((value, key) => auth.set(key, value));
    fixtures = built.fixtures;
    shapes = handlerShapes(stack.app.get(ModulesContainer));
    handlers = new Map(
      routeInventory(stack.app.get(ModulesContainer)).map((r) => [
        `${r.method} ${r.path}`,
        r.handler,
      ]),
    );
    countsBefore = await counts();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const endpoints = () => Object.keys(ACCESS_MATRIX);
  const writes = () => endpoints().filter((e) => !e.startsWith('GET '));
  /** Endpoints with a JSON body DTO (not a file upload). */
  const jsonBodies = () =>
    writes().filter((e) => shapeOf(e).body !== undefined && !shapeOf(e).multipart);

  it('knows the shape of every endpoint (the matrix and the application agree)', () => {
    expect([...handlers.keys()].sort()).toEqual(endpoints().sort());
    // Sanity: the sweep below really covers bodies, uploads and query strings.
    expect(jsonBodies().length).toBeGreaterThan(25);
    expect(writes().filter((e) => shapeOf(e).multipart)).toEqual(['POST /cases/:id/documents']);
    expect(
      endpoints()
        .filter((e) => shapeOf(e).query !== undefined)
        .sort(),
    ).toEqual(Object.keys(WRONG_QUERIES).sort());
  });

  it('answers malformed JSON with 400 REQUEST.MALFORMED_JSON at every JSON endpoint', async () => {
    const wrong: string[] = [];
    for (const endpoint of writes().filter((e) => !shapeOf(e).multipart)) {
      const res = await call(endpoint, ACCESS_MATRIX[endpoint].request(fixtures).path)
        .set('content-type', 'application/json')
        .send('{"a": ');
      const problem = problemWith(res, 400, 'REQUEST.MALFORMED_JSON');
      if (problem) wrong.push(`${endpoint}: ${problem}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a JSON array, null, a number or a string where an object belongs', async () => {
    const wrong: string[] = [];
    const cases: [raw: string, status: number, code: string][] = [
      // body-parser's strict mode takes only objects and arrays as a JSON body.
      ['null', 400, 'REQUEST.MALFORMED_JSON'],
      ['42', 400, 'REQUEST.MALFORMED_JSON'],
      ['"text"', 400, 'REQUEST.MALFORMED_JSON'],
      // An array parses, and the validation pipe refuses it (forbidUnknownValues).
      ['[]', 400, 'REQUEST.VALIDATION_FAILED'],
      [`[{"a": "${INJECTION}"}]`, 400, 'REQUEST.VALIDATION_FAILED'],
    ];
    for (const endpoint of jsonBodies()) {
      for (const [raw, status, code] of cases) {
        const res = await call(endpoint, ACCESS_MATRIX[endpoint].request(fixtures).path)
          .set('content-type', 'application/json')
          .send(raw);
        const problem = problemWith(res, status, code);
        if (problem) wrong.push(`${endpoint} with ${raw}: ${problem}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses an unknown field carrying SQL, naming it', async () => {
    const wrong: string[] = [];
    for (const endpoint of jsonBodies()) {
      const { path, body } = ACCESS_MATRIX[endpoint].request(fixtures);
      const res = await call(endpoint, path).send({
        ...(body as object),
        sneaky: INJECTION,
        [INJECTION]: INJECTION,
      });
      const problem =
        problemWith(res, 400, 'REQUEST.VALIDATION_FAILED', 'sneaky') ??
        problemWith(res, 400, 'REQUEST.VALIDATION_FAILED', INJECTION);
      if (problem) wrong.push(`${endpoint}: ${problem}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers a 300 KB body with 413 REQUEST.PAYLOAD_TOO_LARGE', async () => {
    const wrong: string[] = [];
    const padding = 'x'.repeat(300 * 1024);
    for (const endpoint of writes().filter((e) => !shapeOf(e).multipart)) {
      const { path, body } = ACCESS_MATRIX[endpoint].request(fixtures);
      const res = await call(endpoint, path).send({ ...(body as object), padding });
      const problem = problemWith(res, 413, 'REQUEST.PAYLOAD_TOO_LARGE');
      if (problem) wrong.push(`${endpoint}: ${problem}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers a hostile path parameter with 400 or 404, never a server error', async () => {
    const wrong: string[] = [];
    const seen: string[] = [];
    const hostile = [
      'not-a-uuid',
      INJECTION,
      '1'.repeat(300),
      '00000000-0000-0000-0000-00000000000',
    ];
    for (const endpoint of endpoints().filter((e) => e.includes('/:'))) {
      const pattern = endpoint.split(' ')[1].split('/');
      const { path, body } = ACCESS_MATRIX[endpoint].request(fixtures);
      const concrete = path.split('?')[0].split('/');
      const hasBody = shapeOf(endpoint).body !== undefined;
      for (let i = 0; i < pattern.length; i++) {
        if (!pattern[i].startsWith(':')) continue;
        const param = pattern[i].slice(1);
        for (const value of hostile) {
          const segments = [...concrete];
          segments[i] = encodeURIComponent(value);
          let req = call(endpoint, segments.join('/'));
          if (body !== undefined && !shapeOf(endpoint).multipart) req = req.send(body as object);
          const res = await req;
          const code = (res.body as { code?: string }).code;
          seen.push(`${endpoint} :${param}: ${res.status} ${code}`);
          // Refused by the parameter's own rule, or looked up and not found.
          const problem =
            res.status === 404 && code?.endsWith('.NOT_FOUND')
              ? problemWith(res, 404, code)
              : res.status === 400 && code && (PARAM_REFUSALS[endpoint] ?? []).includes(code)
                ? problemWith(res, 400, code)
                : // With a body as well, the body's own problems may be the ones reported.
                  problemWith(res, 400, 'REQUEST.VALIDATION_FAILED', hasBody ? undefined : param);
          if (problem) wrong.push(`${endpoint} with :${param} = ${value.slice(0, 40)}: ${problem}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(seen.length).toBeGreaterThan(100);
  });

  it('refuses query strings of the wrong type, or with unknown parameters, naming the field', async () => {
    const wrong: string[] = [];
    for (const [endpoint, probes] of Object.entries(WRONG_QUERIES)) {
      const path = ACCESS_MATRIX[endpoint].request(fixtures).path.split('?')[0];
      const all: [string, string][] = [
        ...probes,
        [`sneaky=${encodeURIComponent(INJECTION)}`, 'sneaky'],
      ];
      for (const [query, field] of all) {
        const res = await call(endpoint, `${path}?${query}`);
        const problem = problemWith(res, 400, 'REQUEST.VALIDATION_FAILED', field);
        if (problem) wrong.push(`${endpoint}?${query}: ${problem}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  // ——— Hardening (issue 12): each once answered 500 or 503, or was accepted. ———

  /** Pattern characters as field names: the error mapper once made a RegExp of the name. */
  const PATTERN_NAMES = ['(', ')', '*', '+', '?', '['];

  it('names an unknown body field made of pattern characters, at every JSON endpoint', async () => {
    const wrong: string[] = [];
    for (const endpoint of jsonBodies()) {
      const { path, body } = ACCESS_MATRIX[endpoint].request(fixtures);
      const res = await call(endpoint, path).send({
        ...(body as object),
        ...Object.fromEntries(PATTERN_NAMES.map((name) => [name, 1])),
      });
      for (const name of PATTERN_NAMES) {
        const problem = problemWith(res, 400, 'REQUEST.VALIDATION_FAILED', name);
        if (problem) wrong.push(`${endpoint} with "${name}": ${problem}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names an unknown query parameter made of pattern characters, at every query endpoint', async () => {
    const wrong: string[] = [];
    for (const endpoint of Object.keys(WRONG_QUERIES)) {
      const path = ACCESS_MATRIX[endpoint].request(fixtures).path.split('?')[0];
      for (const name of PATTERN_NAMES) {
        const res = await call(endpoint, `${path}?${encodeURIComponent(name)}=x`);
        // qs reads a lone "[" as a plain name too.
        const problem = problemWith(res, 400, 'REQUEST.VALIDATION_FAILED', name);
        if (problem) wrong.push(`${endpoint}?${name}=x: ${problem}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses JSON nested 2,000 deep with 400 REQUEST.NESTING_TOO_DEEP, signed in or not', async () => {
    const wrong: string[] = [];
    const deepObject = '{"a":'.repeat(2000) + '1' + '}'.repeat(2000);
    const deepArray = '{"a":' + '['.repeat(2000) + ']'.repeat(2000) + '}';
    for (const endpoint of writes().filter((e) => !shapeOf(e).multipart)) {
      const { path } = ACCESS_MATRIX[endpoint].request(fixtures);
      for (const raw of [deepObject, deepArray]) {
        const res = await call(endpoint, path).set('content-type', 'application/json').send(raw);
        const problem = problemWith(res, 400, 'REQUEST.NESTING_TOO_DEEP');
        if (problem) wrong.push(`${endpoint}: ${problem}`);
      }
    }
    // The body is read before anyone is signed in: a stranger gets the same answer.
    const anonymous = await request(stack.baseUrl)
      .post('/cases')
      .set('content-type', 'application/json')
      .send(deepObject);
    expect(problemWith(anonymous, 400, 'REQUEST.NESTING_TOO_DEEP')).toBeNull();
    expect(wrong).toEqual([]);
  });

  it('refuses a duplicate key with 400 REQUEST.DUPLICATE_KEY naming it, at every JSON endpoint', async () => {
    const wrong: string[] = [];
    for (const endpoint of writes().filter((e) => !shapeOf(e).multipart)) {
      const { path } = ACCESS_MATRIX[endpoint].request(fixtures);
      for (const [raw, field] of [
        ['{"a":1,"a":2}', 'a'],
        // The same key, once written with an escape.
        ['{"x":{"password":"one","pass\\u0077ord":"two"}}', 'x.password'],
      ]) {
        const res = await call(endpoint, path).set('content-type', 'application/json').send(raw);
        const problem = problemWith(res, 400, 'REQUEST.DUPLICATE_KEY', field);
        if (problem) wrong.push(`${endpoint} with ${raw}: ${problem}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a __proto__ key at every JSON endpoint, at any depth', async () => {
    const wrong: string[] = [];
    for (const endpoint of writes().filter((e) => !shapeOf(e).multipart)) {
      const { path } = ACCESS_MATRIX[endpoint].request(fixtures);
      for (const [raw, field] of [
        ['{"__proto__":{"roles":["ADMINISTRATOR"]}}', '__proto__'],
        ['{"vehicles":[{"__proto__":{"plate":"x"}}]}', 'vehicles[0].__proto__'],
      ]) {
        const res = await call(endpoint, path).set('content-type', 'application/json').send(raw);
        const problem = problemWith(res, 400, 'REQUEST.VALIDATION_FAILED', field);
        if (problem) wrong.push(`${endpoint} with ${raw}: ${problem}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a second password at sign-in (the last one no longer wins), counting nothing', async () => {
    // A fixture user (all have TEST_PASSWORD) with two failures on record.
    const [user] = await stack.dataSource.query<{ id: string; username: string }[]>(
      'SELECT id, username FROM users ORDER BY username LIMIT 1',
    );
    await stack.dataSource.query('UPDATE users SET failed_sign_ins = 2 WHERE id = $1', [user.id]);
    const res = await request(stack.baseUrl)
      .post('/auth/sign-in')
      .set('content-type', 'application/json')
      .send(
        `{"username":${JSON.stringify(user.username)},"password":"wrong-one",` +
          `"password":${JSON.stringify(TEST_PASSWORD)}}`,
      );
    expect(problemWith(res, 400, 'REQUEST.DUPLICATE_KEY', 'password')).toBeNull();
    expect(res.body.accessToken).toBeUndefined();
    // Refused before sign-in ran: the failure counter was neither raised nor reset.
    const [after] = await stack.dataSource.query<{ failed_sign_ins: number }[]>(
      'SELECT failed_sign_ins FROM users WHERE id = $1',
      [user.id],
    );
    expect(after.failed_sign_ins).toBe(2);
    await stack.dataSource.query('UPDATE users SET failed_sign_ins = 0 WHERE id = $1', [user.id]);
  });

  it('answers a body that is not JSON with 415 naming application/json, at every JSON endpoint', async () => {
    const wrong: string[] = [];
    const bodies: [type: string, raw: string | Buffer][] = [
      ['text/plain', '{"username":"u","password":"p"}'],
      ['application/x-www-form-urlencoded', 'username=u&password=p'],
      ['application/xml', '<a/>'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
      ],
    ];
    for (const endpoint of writes().filter((e) => !shapeOf(e).multipart)) {
      const { path } = ACCESS_MATRIX[endpoint].request(fixtures);
      for (const [type, raw] of bodies) {
        const res = await call(endpoint, path).set('content-type', type).send(raw);
        const problem =
          problemWith(res, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'content-type') ??
          (String(res.body.message?.en).includes('application/json') &&
          String(res.body.message?.fa).includes('application/json')
            ? null
            : `message does not name application/json: ${JSON.stringify(res.body.message)}`);
        if (problem) wrong.push(`${endpoint} as ${type}: ${problem}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers JSON sent to the upload with 415 naming multipart/form-data, and UTF-16 JSON with 415', async () => {
    const upload = 'POST /cases/:id/documents';
    const res = await call(upload, ACCESS_MATRIX[upload].request(fixtures).path).send({
      slot: 'REQUEST_LETTER',
    });
    expect(problemWith(res, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'content-type')).toBeNull();
    expect(res.body.message.en).toContain('multipart/form-data');
    const utf16 = await rawPost(
      '/auth/sign-in',
      'application/json; charset=utf-16le',
      Buffer.from('{"username":"u","password":"p"}', 'utf16le'),
    );
    expect([utf16.status, utf16.body.code]).toEqual([415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE']);
  });

  it('reads a chunked body by its type too, and an empty chunked POST with no type as no body', async () => {
    const text = await rawPost('/auth/sign-in', 'text/plain', Buffer.from('{"a":1}'), true);
    expect([text.status, text.body.code]).toEqual([415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE']);
    const json = await rawPost(
      '/auth/sign-in',
      'application/json',
      Buffer.from('{"a":1,"a":1}'),
      true,
    );
    expect([json.status, json.body.code]).toEqual([400, 'REQUEST.DUPLICATE_KEY']);
    // What Node's own client sends for a POST with nothing to say: the form's rules answer.
    const empty = await rawPost('/auth/sign-in', undefined, Buffer.alloc(0), true);
    expect([empty.status, empty.body.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
  });

  it('says where malformed JSON breaks, the same in both languages', async () => {
    const res = await request(stack.baseUrl)
      .post('/auth/sign-in')
      .set('content-type', 'application/json')
      .send('{\n  "username": "u",\n  "password" "p"\n}');
    expect(problemWith(res, 400, 'REQUEST.MALFORMED_JSON')).toBeNull();
    expect(res.body.message).toEqual({
      fa: 'بدنه درخواست JSON معتبر نیست: دونقطه «:» انتظار می‌رفت، در سطر ۳، ستون ۱۴ (نویسهٔ ۳۵).',
      en: 'The request body is not valid JSON: a colon ":" was expected at line 3, column 14 (character 35).',
    });
  });

  it('refuses NUL, control and direction characters and non-UTF-8 in any path parameter (400, never 503)', async () => {
    const wrong: string[] = [];
    const hostile: [encoded: string, code: string][] = [
      ['%00', 'REQUEST.FORBIDDEN_CHARACTER'],
      ['a%00b', 'REQUEST.FORBIDDEN_CHARACTER'],
      ['%1B%5B31m', 'REQUEST.FORBIDDEN_CHARACTER'],
      ['%E2%80%AEfdp.exe', 'REQUEST.FORBIDDEN_CHARACTER'],
      ['%FF%FE', 'REQUEST.INVALID_ENCODING'],
      ['%C0%80', 'REQUEST.INVALID_ENCODING'],
      ['%ED%A0%80', 'REQUEST.INVALID_ENCODING'],
    ];
    for (const endpoint of endpoints().filter((e) => e.includes('/:'))) {
      const pattern = endpoint.split(' ')[1].split('/');
      const { path, body } = ACCESS_MATRIX[endpoint].request(fixtures);
      const concrete = path.split('?')[0].split('/');
      for (let i = 0; i < pattern.length; i++) {
        if (!pattern[i].startsWith(':')) continue;
        for (const [encoded, code] of hostile) {
          for (const value of [encoded, `${concrete[i]}${encoded}`]) {
            const segments = [...concrete];
            segments[i] = value;
            let req = call(endpoint, segments.join('/'));
            if (body !== undefined && !shapeOf(endpoint).multipart) req = req.send(body as object);
            const problem = problemWith(await req, 400, code, 'path');
            if (problem) wrong.push(`${endpoint} with ${pattern[i]} = ${value}: ${problem}`);
          }
        }
      }
    }
    for (const path of [
      '/cases/%00',
      `/cases/${fixtures.caseId}%00/timeline`,
      '/admin/users/%00',
    ]) {
      const res = await request(stack.baseUrl)
        .get(path)
        .set('authorization', auth.get('ADMINISTRATOR')!);
      const problem = problemWith(res, 400, 'REQUEST.FORBIDDEN_CHARACTER', 'path');
      if (problem) wrong.push(`${path}: ${problem}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses NUL, control and direction characters in a query value or name, naming it', async () => {
    const wrong: string[] = [];
    for (const endpoint of Object.keys(WRONG_QUERIES)) {
      const path = ACCESS_MATRIX[endpoint].request(fixtures).path.split('?')[0];
      for (const [query, code, field] of [
        ['limit=1%00', 'REQUEST.FORBIDDEN_CHARACTER', 'limit'],
        ['sort=%E2%80%AE', 'REQUEST.FORBIDDEN_CHARACTER', 'sort'],
        ['a%00=1', 'REQUEST.FORBIDDEN_CHARACTER', 'query'],
        ['limit=%FF', 'REQUEST.INVALID_ENCODING', 'limit'],
      ]) {
        const problem = problemWith(await call(endpoint, `${path}?${query}`), 400, code, field);
        if (problem) wrong.push(`${endpoint}?${query}: ${problem}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses NUL, control and direction characters and lone surrogates in a JSON key or string', async () => {
    const wrong: string[] = [];
    const hostile = [
      '\\u0000',
      'x\\u0007y',
      '\\u001b[2J',
      'abc\\u202Efdp.exe',
      '\\u2066x\\u2069',
      '\\ud800',
    ];
    for (const endpoint of writes().filter((e) => !shapeOf(e).multipart)) {
      const { path } = ACCESS_MATRIX[endpoint].request(fixtures);
      for (const bad of hostile) {
        for (const [raw, field] of [
          [`{"note":{"text":"${bad}"}}`, 'note.text'],
          [`{"list":["ok","${bad}"]}`, 'list[1]'],
          [`{"${bad}":1}`, undefined],
        ] as const) {
          const res = await call(endpoint, path).set('content-type', 'application/json').send(raw);
          const problem = problemWith(res, 400, 'REQUEST.FORBIDDEN_CHARACTER', field);
          if (problem) wrong.push(`${endpoint} with ${raw}: ${problem}`);
        }
      }
    }
    // Bytes that are not UTF-8 at all (sent as they are: supertest would re-encode a Buffer).
    const raw = await rawPost(
      '/auth/sign-in',
      'application/json',
      Buffer.from([0x7b, 0x22, 0x75, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
    );
    expect([raw.status, raw.body.code]).toEqual([400, 'REQUEST.INVALID_ENCODING']);
    expect(wrong).toEqual([]);
  });

  it('refuses an instant whose offset is beyond ±14:00, or year 0, in every date-time query', async () => {
    const wrong: string[] = [];
    const probes: [endpoint: string, field: string][] = [
      ['GET /cases', 'registeredTo'],
      ['GET /cases', 'registeredFrom'],
      ['GET /audit', 'from'],
      ['GET /audit', 'to'],
      ['GET /sessions', 'from'],
      ['GET /sessions', 'to'],
    ];
    for (const [endpoint, field] of probes) {
      const path = ACCESS_MATRIX[endpoint].request(fixtures).path.split('?')[0];
      for (const value of [
        '2026-01-01T00:00:00+23:59',
        '2026-01-01T00:00:00-14:01',
        '0000-01-01T00:00:00Z',
        '2026-01-01T00:00:00',
      ]) {
        const res = await call(endpoint, `${path}?${field}=${encodeURIComponent(value)}`);
        const problem = problemWith(res, 400, 'REQUEST.VALIDATION_FAILED', field);
        if (problem) wrong.push(`${endpoint}?${field}=${value}: ${problem}`);
      }
      const ok = await call(
        endpoint,
        `${path}?${field}=${encodeURIComponent('2026-01-01T00:00:00+14:00')}`,
      );
      if (ok.status !== 200) wrong.push(`${endpoint}?${field} at +14:00: ${ok.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses audit seq bounds beyond 2^53 - 1, stating the bound in both languages', async () => {
    for (const [endpoint, field] of [
      ['GET /audit/verify', 'fromSeq'],
      ['GET /audit/verify', 'toSeq'],
      ['GET /audit', 'beforeSeq'],
    ]) {
      const path = ACCESS_MATRIX[endpoint].request(fixtures).path.split('?')[0];
      const res = await call(endpoint, `${path}?${field}=1e20`);
      expect(problemWith(res, 400, 'REQUEST.VALIDATION_FAILED', field)).toBeNull();
      expect(res.body.details).toEqual([
        {
          field,
          code: 'max',
          message: {
            fa: `فیلد «${field}» نباید بیشتر از ۹۰۰۷۱۹۹۲۵۴۷۴۰۹۹۱ باشد.`,
            en: `${field} must not be greater than 9007199254740991`,
          },
        },
      ]);
    }
  });

  it('refuses a null date for a closure or a holiday', async () => {
    for (const [path, body] of [
      ['/reference/calendar/closures', { date: null, reason: 'آلودگی هوا' }],
      ['/reference/calendar/holidays', { date: null, occasion: 'عید نوروز' }],
    ] as const) {
      const res = await request(stack.baseUrl)
        .post(path)
        .set('authorization', auth.get('ADMINISTRATOR')!)
        .send(body);
      expect(problemWith(res, 400, 'REQUEST.VALIDATION_FAILED', 'date')).toBeNull();
    }
  });

  it('never answers 5xx for numeric edge values in limits, offsets and numeric query fields', async () => {
    const wrong: string[] = [];
    const edges = [
      'NaN',
      'Infinity',
      '-Infinity',
      '1e308',
      '-1e308',
      '1e20',
      '9007199254740993',
      '99999999999999999999999',
      '0x10',
      '1.0e1',
      '',
    ];
    for (const [endpoint, probes] of Object.entries(WRONG_QUERIES)) {
      const path = ACCESS_MATRIX[endpoint].request(fixtures).path.split('?')[0];
      const fields = [...new Set(probes.map(([, field]) => field))];
      for (const field of fields) {
        for (const edge of edges) {
          const res = await call(endpoint, `${path}?${field}=${encodeURIComponent(edge)}`);
          if (res.status >= 500)
            wrong.push(`${endpoint}?${field}=${edge}: ${res.status} ${res.body.code}`);
        }
      }
    }
    for (const [endpoint, field] of [
      ['GET /cases', 'limit'],
      ['GET /cases', 'offset'],
      ['GET /admin/users', 'offset'],
      ['GET /audit', 'limit'],
      ['GET /reports/breaches', 'limit'],
      ['GET /notifications', 'offset'],
    ]) {
      const path = ACCESS_MATRIX[endpoint].request(fixtures).path.split('?')[0];
      for (const edge of ['NaN', 'Infinity', '1e308', '1e20', '99999999999999999999999']) {
        const res = await call(endpoint, `${path}?${field}=${edge}`);
        const problem = problemWith(res, 400, 'REQUEST.VALIDATION_FAILED', field);
        if (problem) wrong.push(`${endpoint}?${field}=${edge}: ${problem}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('never answers 5xx for numeric edge values or a 200 KB string in any body field', async () => {
    const wrong: string[] = [];
    const huge = 'ب'.repeat(100 * 1024); // 200 KB of UTF-8, under the 256 KB body limit
    for (const endpoint of jsonBodies()) {
      const { path, body } = ACCESS_MATRIX[endpoint].request(fixtures);
      const fields = Object.keys((body as object) ?? {});
      for (const field of fields.length > 0 ? fields : ['x']) {
        for (const raw of ['1e400', '-1e400', '1e308', '-0', '9007199254740993', `"${huge}"`]) {
          const rest = JSON.stringify({ ...(body as object), [field]: undefined }).slice(1);
          const text = `{"${field}":${raw}${rest === '}' ? '' : ','}${rest}`;
          const res = await call(endpoint, path).set('content-type', 'application/json').send(text);
          if (res.status >= 500 || res.status < 400) {
            wrong.push(
              `${endpoint} with ${field}=${raw.slice(0, 20)}: ${res.status} ${res.body.code}`,
            );
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('stored nothing: no case, tracking code, user, agency, document, session or idempotency key', async () => {
    expect(await counts()).toEqual(countsBefore);
    // The injection strings were data, never SQL: every table is still there.
    for (const table of TABLES) {
      await expect(stack.dataSource.query(`SELECT 1 FROM ${table} LIMIT 1`)).resolves.toBeDefined();
    }
  });

  describe('POST /cases, field by field', () => {
    const clerk = () => auth.get('CLERK')!;
    const register = (body: object) =>
      request(stack.baseUrl).post('/cases').set('authorization', clerk()).send(body);
    /** The case as GET /cases/:id answers it once the read model has it. */
    const stored = (id: string) =>
      eventually(async () => {
        const res = await request(stack.baseUrl)
          .get(`/cases/${id}`)
          .set('authorization', clerk())
          .expect(200);
        return res.body.vehicles ? (res.body as Record<string, unknown>) : undefined;
      });

    it('refuses a 5000-character justification, naming the field, and stores nothing', async () => {
      const before = await counts();
      const res = await register({
        requestType: 'SCRAP',
        justification: 'ب'.repeat(5000),
        vehicles: [{ plate: '12ب345-15' }],
      });
      expect(problemWith(res, 400, 'REQUEST.VALIDATION_FAILED', 'justification')).toBeNull();
      expect(res.body.details).toEqual([
        expect.objectContaining({ field: 'justification', code: 'maxLength' }),
      ]);
      expect(await counts()).toEqual(before);
    });

    it('refuses each broken vehicle rule with its field', async () => {
      const res = await register({
        requestType: 'SALE',
        justification: 'فروش خودروهای مازاد بر نیاز اداره',
        vehicles: [
          { plate: '12 چ 345 ایران 15' },
          { usageClass: 'PICKUP' },
          { plate: '12ب345-15', count: 2, modelYear: 1700, fuel: 'COAL', mileage: -1 },
        ],
      });
      expect(problemWith(res, 400, 'REQUEST.VALIDATION_FAILED')).toBeNull();
      const fields = Object.fromEntries(
        (res.body.details as { field: string; code: string }[]).map((d) => [d.field, d.code]),
      );
      expect(fields).toEqual({
        'vehicles[0].plate': 'isIranianPlate',
        'vehicles[1].plate': 'required',
        'vehicles[2].count': 'countOnlyForPurchase',
        'vehicles[2].modelYear': 'isModelYear',
        'vehicles[2].fuel': 'isIn',
        'vehicles[2].mileage': 'min',
      });
    });

    it('refuses vehicles that are arrays, however deep, and registers nothing', async () => {
      const before = await counts();
      const valid = { plate: '12ب345-15' };
      let deep: unknown = [];
      for (let i = 0; i < 20; i++) deep = [deep];
      for (const vehicles of [[[]], [[valid]], [deep], [valid, [valid]], [[[[[]]]]]]) {
        const res = await register({
          requestType: 'SCRAP',
          justification: 'خودروی فرسوده با هزینه تعمیر بالا',
          vehicles,
        });
        expect(problemWith(res, 400, 'REQUEST.VALIDATION_FAILED', 'vehicles')).toBeNull();
        expect(res.body.details).toContainEqual(
          expect.objectContaining({ field: 'vehicles', code: 'isObject' }),
        );
      }
      // A whole valid body inside an array is not the object either.
      const wrapped = await register([
        {
          requestType: 'SCRAP',
          justification: 'خودروی فرسوده با هزینه تعمیر بالا',
          vehicles: [valid],
        },
      ]);
      expect(problemWith(wrapped, 400, 'REQUEST.VALIDATION_FAILED')).toBeNull();
      expect(await counts()).toEqual(before);
    });

    it('names an unknown field made of pattern characters inside a vehicle', async () => {
      const before = await counts();
      const res = await register({
        requestType: 'SCRAP',
        justification: 'خودروی فرسوده با هزینه تعمیر بالا',
        vehicles: [{ plate: '12ب345-15', '[': 1, '(': 2 }],
      });
      expect(problemWith(res, 400, 'REQUEST.VALIDATION_FAILED', 'vehicles[0].[')).toBeNull();
      expect(problemWith(res, 400, 'REQUEST.VALIDATION_FAILED', 'vehicles[0].(')).toBeNull();
      expect(await counts()).toEqual(before);
    });

    it('states the length limit in Persian as in English', async () => {
      const res = await register({
        requestType: 'SCRAP',
        justification: 'ب'.repeat(4001),
        vehicles: [{ plate: '12ب345-15' }],
      });
      expect(res.body.details).toEqual([
        {
          field: 'justification',
          code: 'maxLength',
          message: {
            fa: 'فیلد «justification» باید حداکثر ۴۰۰۰ نویسه باشد.',
            en: 'justification must be at most 4000 characters long',
          },
        },
      ]);
    });

    it('refuses direction controls in free text, naming the field, and keeps ZWNJ', async () => {
      const before = await counts();
      for (const control of [
        '\u202A',
        '\u202B',
        '\u202C',
        '\u202D',
        '\u202E',
        '\u2066',
        '\u2067',
        '\u2068',
        '\u2069',
      ]) {
        const res = await register({
          requestType: 'SCRAP',
          justification: `خودروی فرسوده ${control}exe.pdf با هزینه تعمیر بالا`,
          vehicles: [{ plate: '12ب345-15', makeModel: 'پژو' }],
        });
        expect(problemWith(res, 400, 'REQUEST.FORBIDDEN_CHARACTER', 'justification')).toBeNull();
        const code = `U+${control.charCodeAt(0).toString(16).toUpperCase()}`;
        expect(res.body.details[0].message.en).toContain(code);
      }
      expect(await counts()).toEqual(before);
      const justification = 'خودروی فرسوده می‌باید اسقاط شود (هزینهٔ تعمیر بالا)';
      const ok = await register({
        requestType: 'SCRAP',
        justification,
        vehicles: [{ plate: '12ب345-15' }],
      }).expect(201);
      expect((await stored(ok.body.id)).justification).toBe(justification);
      expect(justification).toContain('\u200C');
    });

    it('accepts Persian digits in the plate and the model year, and stores them normalised', async () => {
      const res = await register({
        requestType: 'SCRAP',
        justification: 'خودروی فرسوده مدل ۱۳۸۵ با هزینه تعمیر بالا',
        vehicles: [{ plate: '۱۲ ب ۳۴۵ ایران ۱۵', modelYear: '۱۳۸۵', usageClass: 'SEDAN' }],
      }).expect(201);
      expect(res.body.warnings).toBeUndefined();
      const found = await stored(res.body.id);
      expect(found.justification).toBe('خودروی فرسوده مدل 1385 با هزینه تعمیر بالا');
      expect(found.vehicles).toEqual([
        { plate: '12ب345-15', modelYear: 1385, modelYearGregorian: 2006, usageClass: 'SEDAN' },
      ]);
    });

    it('stores SQL in the justification as text, verbatim, with no effect', async () => {
      const before = await counts();
      const justification = `خودروی فرسوده ${INJECTION} Robert'); DELETE FROM users WHERE ('1'='1`;
      const makeModel = `پژو'; UPDATE cases SET stage = 'CLOSED'; --`;
      const res = await register({
        requestType: 'SCRAP',
        justification,
        vehicles: [{ plate: '12ب345-15', makeModel }],
      }).expect(201);
      const found = await stored(res.body.id);
      expect(found.justification).toBe(justification);
      expect(found.vehicles).toEqual([{ plate: '12ب345-15', makeModel }]);
      const after = await counts();
      // Tracking codes are reserved in batches ahead of registrations (so their count moves by a
      // batch or not at all); this case's own code is reserved for it.
      expect({ ...after, tracking_codes: 0 }).toEqual({
        ...before,
        cases: before.cases + 1,
        tracking_codes: 0,
      });
      expect(
        await stack.dataSource.query('SELECT case_id FROM tracking_codes WHERE code = $1', [
          res.body.trackingCode,
        ]),
      ).toEqual([{ case_id: res.body.id }]);
    });

    it('registers a VIN whose check digit does not match, with a warning naming it', async () => {
      const warned = await register({
        requestType: 'SALE',
        justification: 'فروش خودروی مازاد بر نیاز اداره',
        vehicles: [{ vin: '1M8GDM9AXKP042788' }, { vin: 'naam01e07hk123456' }],
      }).expect(201);
      expect(warned.body.warnings).toEqual([
        {
          field: 'vehicles[1].vin',
          code: 'vinCheckDigit',
          message: { fa: expect.stringMatching(PERSIAN), en: expect.any(String) },
        },
      ]);
      const found = await stored(warned.body.id);
      expect(found.vehicles).toEqual([{ vin: '1M8GDM9AXKP042788' }, { vin: 'NAAM01E07HK123456' }]);
    });
  });
});
