import { ModulesContainer } from '@nestjs/core';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import request from 'supertest';
import { routeInventory } from '../../src/auth/route-inventory';
import { ERROR_CATALOGUE } from '../../src/common/errors/error-catalogue';
import { ACCESS_MATRIX, type Fixtures, WHO, type Who } from './access-matrix';
import { eventually, RunningStack, startStack } from './harness/app-harness';
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
  'idempotency_keys',
  'official_holidays',
  'checklist_slots',
  'calendar_closures',
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
