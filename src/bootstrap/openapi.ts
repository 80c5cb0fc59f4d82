import type { INestApplication, Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { getMetadataStorage } from 'class-validator';
import { ACCESS_RULE, type AccessRule } from '../common/access/access';
import { RATE_LIMIT_POLICY } from '../auth/rate-limit.guard';
import { ERROR_CATALOGUE } from '../common/errors/error-catalogue';

const SERVICE_TITLE = 'Vehicle permit case service — صدور مجوز اسقاط، خرید و فروش خودرو دولتی';
const PROBLEM = 'ProblemDetails';
const PROBLEM_REF = { $ref: `#/components/schemas/${PROBLEM}` };
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

/**
 * The OpenAPI document served at /docs-json, made to say what the API does (the fuzz stage,
 * test/integration/fuzz.int-spec.ts, holds it to that):
 * - the DTOs' class-validator rules are stated in their schemas (lengths, ranges, patterns,
 *   integers, item counts), so a client learns the limits from the document;
 * - every operation lists the error answers it can give, each with the one problem+json schema
 *   (`ProblemDetails`), from what the route is: every route 400 (its URL is checked) and 503,
 *   signed-in routes 401/403, routes with a path id 404, a body 413/415, an Idempotency-Key 422,
 *   a rate limit 429. Answers a handler declares itself (409 with its reason, 423…) keep their
 *   description and get the same schema.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  stateValidationRules();
  const routes = routeFacts(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(SERVICE_TITLE)
      .setDescription(
        'REST API of the case service. Every error is application/problem+json (the ProblemDetails ' +
          'schema) with a stable `code`, a `message` in Persian and English, and per-field `details`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...problemSchemas() };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const facts = routes.get(operation.operationId ?? '');
      if (!facts) throw new Error(`OpenAPI: no route found for ${method} ${path}`);
      addErrorResponses(operation, method, facts);
    }
  }
  return document;
}

interface RouteFacts {
  access: AccessRule['kind'];
  rateLimited: boolean;
}

/** What each handler is, by the operation id Nest's document gives it (`Controller_method`). */
function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | undefined;
      if (!controller?.prototype) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const rule = Reflect.getMetadata(ACCESS_RULE, handler) as AccessRule | undefined;
        facts.set(`${controller.name}_${name}`, {
          access: rule?.kind ?? 'signedIn',
          // A route with a rate-limit policy (@RateLimit) can answer 429.
          rateLimited:
            Reflect.getMetadata(RATE_LIMIT_POLICY, handler) !== undefined ||
            Reflect.getMetadata(RATE_LIMIT_POLICY, controller) !== undefined,
        });
      }
    }
  }
  return facts;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid (REQUEST.VALIDATION_FAILED with per-field details, REQUEST.MALFORMED_JSON, a forbidden character in the URL …)',
  401: 'Not signed in, or the access token is not valid (AUTH.UNAUTHENTICATED)',
  403: 'Signed in without the role this needs, or a password change is pending (ACCESS.FORBIDDEN, AUTH.PASSWORD_CHANGE_REQUIRED)',
  404: 'No such resource, or not one this user may see',
  413: 'The body is larger than allowed (REQUEST.PAYLOAD_TOO_LARGE)',
  415: 'The body is not of a type this operation reads (REQUEST.UNSUPPORTED_MEDIA_TYPE)',
  422: 'The Idempotency-Key was used before with another request (IDEMPOTENCY.KEY_REUSED)',
  429: 'Too many requests: wait for Retry-After seconds (RATE.LIMITED, AUTH.TOO_MANY_ATTEMPTS)',
  503: 'A service this needs is unavailable just now, or a maintenance window is on; try again later',
};

function addErrorResponses(
  operation: OperationObject,
  method: 'get' | 'put' | 'post' | 'delete' | 'patch',
  facts: RouteFacts,
): void {
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  const hasBody = operation.requestBody !== undefined || method !== 'get';
  // 400 on every route: a URL with a NUL, control or direction character is refused before routing.
  const statuses = new Set<number>([400, 503]);
  if (facts.access !== 'public') statuses.add(401).add(403);
  if (parameters.some((p) => p.in === 'path')) statuses.add(404);
  if (hasBody) statuses.add(413).add(415);
  if (parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key')) {
    statuses.add(422);
  }
  if (facts.rateLimited) statuses.add(429);

  const responses = operation.responses;
  for (const status of statuses) {
    responses[String(status)] ??= { description: DESCRIPTIONS[status] ?? 'Error' };
  }
  for (const [status, response] of Object.entries(responses)) {
    if (!response || Number(status) < 400 || '$ref' in response) continue;
    response.content = {
      'application/problem+json': { schema: PROBLEM_REF },
    };
  }
}

function problemSchemas(): Record<string, SchemaObject | ReferenceObject> {
  return {
    BilingualMessage: {
      type: 'object',
      required: ['fa', 'en'],
      properties: { fa: { type: 'string' }, en: { type: 'string' } },
    },
    FieldProblem: {
      type: 'object',
      required: ['field', 'code', 'message'],
      properties: {
        field: { type: 'string', description: 'Path of the field, e.g. `vehicles[0].vin`' },
        code: { type: 'string', description: 'The rule that failed, e.g. `maxLength`' },
        message: { $ref: '#/components/schemas/BilingualMessage' },
      },
    },
    [PROBLEM]: {
      type: 'object',
      description: 'RFC 9457 problem details with a stable code (src/common/errors)',
      required: ['type', 'title', 'status', 'code', 'message', 'details', 'instance'],
      properties: {
        type: { type: 'string', example: 'urn:vehicle-permit:error:CASE.NOT_FOUND' },
        title: { type: 'string', description: 'The English message' },
        status: { type: 'integer', minimum: 400, maximum: 599 },
        code: { type: 'string', enum: Object.keys(ERROR_CATALOGUE) },
        message: { $ref: '#/components/schemas/BilingualMessage' },
        details: { type: 'array', items: { $ref: '#/components/schemas/FieldProblem' } },
        instance: { type: 'string', description: 'The request path' },
        requestId: { type: 'string' },
        retryAfterSeconds: { type: 'number', description: 'Also sent as Retry-After' },
      },
    },
  };
}

/**
 * States the class-validator rules of every DTO in its OpenAPI property, where the property is
 * documented and does not state that keyword itself. Rules on each item of an array (`each`) and
 * patterns with flags are left out (OpenAPI has no way to say them exactly).
 */
function stateValidationRules(): void {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<abstract new (...args: never[]) => unknown, ValidationRule[]>;
  };
  for (const [target, rules] of storage.validationMetadatas) {
    for (const rule of rules) {
      if (rule.each || !rule.propertyName) continue;
      const stated = schemaFor(rule);
      if (!stated) continue;
      const prototype = (target as { prototype: object }).prototype;
      const existing = Reflect.getMetadata(API_MODEL_PROPERTIES, prototype, rule.propertyName) as
        Record<string, unknown> | undefined;
      if (!existing) continue;
      const merged = { ...existing };
      for (const [key, value] of Object.entries(stated)) {
        if (merged[key] === undefined) merged[key] = value;
      }
      if (stated.type === 'integer' && (existing.type === Number || existing.type === 'number')) {
        merged.type = 'integer';
      }
      Reflect.defineMetadata(API_MODEL_PROPERTIES, merged, prototype, rule.propertyName);
    }
  }
}

interface ValidationRule {
  name?: string;
  type: string;
  propertyName: string;
  each?: boolean;
  constraints?: unknown[];
}

function schemaFor(rule: ValidationRule): Record<string, unknown> | undefined {
  const [first, second] = rule.constraints ?? [];
  switch (rule.name) {
    case 'minLength':
      return { minLength: first };
    case 'maxLength':
      return { maxLength: first };
    case 'isLength':
      return { minLength: first, maxLength: second };
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'isInt':
      return { type: 'integer' };
    case 'arrayMinSize':
      return { minItems: first };
    case 'arrayMaxSize':
      return { maxItems: first };
    case 'arrayUnique':
      return { uniqueItems: true };
    case 'isUuid':
      return { format: 'uuid' };
    case 'matches':
      return first instanceof RegExp && first.flags === '' ? { pattern: first.source } : undefined;
    default:
      return undefined;
  }
}
