import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { routeInventory } from '../../src/auth/route-inventory';
import type { Role } from '../../workflows/actors';
import { ACCESS_MATRIX, type Fixtures, renderMatrix, WHO, type Who } from './access-matrix';
import { eventually, RunningStack, startStack } from './harness/app-harness';
import { createAgency, createUser, signedIn } from './harness/identity';

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
    const own = await createAgency(stack.dataSource, 'own agency');
    const other = await createAgency(stack.dataSource, 'other agency');
    auth.set('anonymous', undefined);
    const userIds = new Map<Who, string>();
    for (const who of WHO) {
      if (who === 'anonymous') continue;
      const role: Role = who === 'CLERK_OTHER' ? 'CLERK' : who;
      const agency = who === 'CLERK' ? own : who === 'CLERK_OTHER' ? other : undefined;
      const user = await signedIn(stack.baseUrl, stack.dataSource, [role], agency);
      auth.set(who, user.auth);
      userIds.set(who, user.id);
    }
    const registered = await request(stack.baseUrl)
      .post('/cases')
      .set('authorization', auth.get('CLERK')!)
      .send({
        requestType: 'SCRAP',
        justification: 'خودروی فرسوده برای آزمون دسترسی',
        vehicles: [{ plate: '12ب345-15', usageClass: 'SEDAN' }],
      })
      .expect(201);
    await eventually(async () => {
      const rows = await stack.dataSource.query('SELECT 1 FROM cases WHERE id = $1', [
        registered.body.id,
      ]);
      return rows.length === 1 ? true : undefined;
    });
    const victim = await createUser(stack.dataSource, ['REVIEWER']);
    // A session the SECRETARY fixture plans and the MEMBER fixture sits on (a day ahead, so
    // nothing in the walk can hold it; the walk's bodies are empty and change nothing).
    const session = await request(stack.baseUrl)
      .post('/sessions')
      .set('authorization', auth.get('SECRETARY')!)
      .send({
        sessionAt: new Date(Date.now() + 86_400_000).toISOString(),
        place: 'سالن جلسات آزمون دسترسی',
        members: [
          { userId: userIds.get('SECRETARY'), role: 'SECRETARY' },
          { userId: userIds.get('MEMBER'), role: 'MEMBER' },
        ],
      })
      .expect(201);
    await eventually(async () => {
      const rows = await stack.dataSource.query('SELECT 1 FROM sessions WHERE id = $1', [
        session.body.sessionId,
      ]);
      return rows.length === 1 ? true : undefined;
    });
    fixtures = {
      caseId: registered.body.id,
      agencyId: own,
      userId: victim.id,
      trackingCode: registered.body.trackingCode,
      sessionId: session.body.sessionId,
    };
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
        let call = request(stack.baseUrl)[method](path);
        const bearer = auth.get(who);
        if (bearer) call = call.set('authorization', bearer);
        const res = await (body === undefined ? call : call.send(body as object));
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
