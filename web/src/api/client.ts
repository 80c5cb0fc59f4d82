import createClient from 'openapi-fetch';
import { sessionFetch } from '../auth/session';
import {
  caseSummaryDtoRequestTypeValues,
  caseSummaryDtoStageValues,
  type components,
  type paths,
} from './schema';

/**
 * The one way the pages call the service: typed from the service's own OpenAPI document
 * (schema.ts, generated), with the session's bearer token attached and refreshed on the way.
 */
export const api = createClient<paths>({ baseUrl: '', fetch: sessionFetch });

export type Schemas = components['schemas'];
export type Role = Schemas['MeDto']['roles'][number];
export type Stage = Schemas['CaseSummaryDto']['stage'];
export type RequestType = Schemas['CaseSummaryDto']['requestType'];

/** Every case stage and request type, in the service's order (generated: `enumValues`). */
export const STAGES: readonly Stage[] = caseSummaryDtoStageValues;
export const REQUEST_TYPES: readonly RequestType[] = caseSummaryDtoRequestTypeValues;
