import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { routeInventory } from '../../src/auth/route-inventory';
import { UNPREFIXED_ROUTES } from '../../src/common/api-prefix';
import { ACCESS_MATRIX, type Fixtures, renderMatrix, WHO, type Who } from './access-matrix';
import { RunningStack, startStack } from './harness/app-harness';
import { matrixFixtures } from './harness/matrix-fixtures';

/**
 * Every endpoint × every role (and a clerk of another agency), against the running API:
 * the verdict of the matrix in access-matrix.ts, nothing more and nothing less.
 */
describe('access matrix: every endpoint × every role × own/other agency', () => {
  let stack: RunningStack;
  const auth = new Map<Who, string | undefined>();
  let fixtures: Fixtures;

  beforeAll(async () => {
    stack = await startStack();
    const built = await matrixFixtures(stack, 'access matrix');
    built.auth.forEach((value, key) => auth.set(key, value));
    fixtures = built.fixtures;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('lists every endpoint of the application, each with a declared rule', () => {
    const routes = routeInventory(stack.app.get(ModulesContainer));
    expect(routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      Object.keys(ACCESS_MATRIX).sort(),
    );
  });

  it('gives every role exactly the access the matrix declares', async () => {
    const wrong: string[] = [];
    let calls = 0;
    for (const [endpoint, row] of Object.entries(ACCESS_MATRIX)) {
      const method = endpoint.split(' ')[0].toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
      const { path, body } = row.request(fixtures);
      for (const who of WHO) {
        // Paths are the API's (relative to /api/v1), except the probes and the scrape.
        const outsideApi = (UNPREFIXED_ROUTES as readonly string[]).includes(path.slice(1));
        let call = request(outsideApi ? stack.origin : stack.baseUrl)[method](path);
        const bearer = auth.get(who);
        if (bearer) call = call.set('authorization', bearer);
        // The upload reads multipart/form-data (JSON there is 415, whoever asks): its fields go
        // as a form.
        const upload = endpoint === 'POST /cases/:id/documents';
        const res = await (body === undefined
          ? call
          : upload
            ? call.field(body as Record<string, string>)
            : call.send(body as object));
        calls++;
        const code = (res.body as { code?: string })?.code;
        const verdict = row.verdicts[who];
        const ok =
          verdict === 'allow'
            ? res.status !== 401 && res.status !== 403 && res.status < 500
            : verdict === 'hidden'
              ? res.status === 404 && code === 'CASE.NOT_FOUND'
              : who === 'anonymous'
                ? res.status === 401 && code === 'AUTH.UNAUTHENTICATED'
                : res.status === 403 && code === 'ACCESS.FORBIDDEN';
        if (!ok)
          wrong.push(`${endpoint} as ${who}: expected ${verdict}, got ${res.status} ${code}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBe(Object.keys(ACCESS_MATRIX).length * WHO.length);
  });

  it('is documented as it is enforced (docs/access-matrix.md)', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'access-matrix.md'), 'utf8');
    // Compared cell by cell: the formatter pads the Markdown table.
    const cells = (markdown: string) =>
      markdown
        .split('\n')
        .filter((line) => line.startsWith('|') && !/^\|[\s-|]+\|$/.test(line))
        .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(cells(doc)).toEqual(cells(renderMatrix()));
  });
});
