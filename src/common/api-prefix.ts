/**
 * Where the API lives: every controller answers under `/api/v1`, so the web application owns
 * every other path (its pages are deep-linkable and never collide with an API route). Only the
 * probes and the Prometheus scrape keep their well-known, unversioned addresses.
 */
export const API_PREFIX = 'api/v1';

/** Routes answered outside the prefix (as Nest's `setGlobalPrefix` exclude list). */
export const UNPREFIXED_ROUTES = ['health/live', 'health/ready', 'metrics'] as const;

/** The interactive OpenAPI page and its JSON document (outside the versioned API). */
export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';

const PREFIX_PATTERN = new RegExp(`^/${API_PREFIX.replace('/', '\\/')}(?=/|$)`, 'i');

/** `/api/v1/cases/1` → `/cases/1`; a path outside the prefix is returned as it is. */
export function withoutApiPrefix(path: string): string {
  return path.replace(PREFIX_PATTERN, '') || '/';
}
