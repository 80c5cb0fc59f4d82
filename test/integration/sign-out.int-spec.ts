import request from 'supertest';
import {
  type ApiReplica,
  RunningStack,
  startApiReplica,
  startStack,
  testConfig,
} from './harness/app-harness';
import { createAgency, createUser, signedIn, signIn, TEST_PASSWORD } from './harness/identity';

const NEW_PASSWORD = 'Brand-New-Pass-1405';

/**
 * Access tokens end with their session: sign-out ends the one session, a password change or
 * reset, deactivation and a change of roles or agency end all of the user's, at once — in this
 * API process and in another one against the same database.
 */
describe('ending sessions ends their access tokens at once', () => {
  let stack: RunningStack;
  let replica: ApiReplica;
  let admin: string;

  beforeAll(async () => {
    stack = await startStack(testConfig());
    replica = await startApiReplica(stack);
    admin = (await signedIn(stack.baseUrl, stack.dataSource, ['ADMINISTRATOR'])).auth;
  });
  afterAll(async () => {
    await replica?.close();
    await stack?.close();
  });

  const me = (token: string, baseUrl = stack.baseUrl) =>
    request(baseUrl).get('/auth/me').set('authorization', `Bearer ${token}`);
  /** Asserts the token is refused now, with the code that says a new sign-in is needed. */
  const ended = async (token: string, baseUrl = stack.baseUrl) => {
    const res = await me(token, baseUrl);
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 401,
      code: 'AUTH.SESSION_ENDED',
    });
  };
  /** Two sessions of one user (two devices), each token used once so it is cached. */
  const twoSessions = async (username: string, password = TEST_PASSWORD) => {
    const one = await signIn(stack.baseUrl, username, password);
    const two = await signIn(stack.baseUrl, username, password);
    await me(one.accessToken).expect(200);
    await me(two.accessToken).expect(200);
    return { one, two };
  };

  it('sign-out ends that session’s access tokens (also those before a refresh); the user’s other sessions go on', async () => {
    const user = await createUser(stack.dataSource, ['REVIEWER']);
    const { one, two } = await twoSessions(user.username);
    const refreshed = await request(stack.baseUrl)
      .post('/auth/refresh')
      .send({ refreshToken: one.refreshToken })
      .expect(200);
    // Rotation keeps the session: the earlier access token still works until it is signed out.
    await me(one.accessToken).expect(200);
    await me(refreshed.body.accessToken).expect(200);

    await request(stack.baseUrl)
      .post('/auth/sign-out')
      .send({ refreshToken: refreshed.body.refreshToken })
      .expect(204);
    await ended(one.accessToken);
    await ended(refreshed.body.accessToken);
    await request(stack.baseUrl)
      .post('/auth/refresh')
      .send({ refreshToken: refreshed.body.refreshToken })
      .expect(401);

    // The other device is still signed in, and can refresh.
    await me(two.accessToken).expect(200);
    const next = await request(stack.baseUrl)
      .post('/auth/refresh')
      .send({ refreshToken: two.refreshToken })
      .expect(200);
    await me(next.body.accessToken).expect(200);
  });

  it('a password change ends every other session; the new tokens work', async () => {
    const user = await createUser(stack.dataSource, ['SECRETARY']);
    const { one, two } = await twoSessions(user.username);
    const changed = await request(stack.baseUrl)
      .post('/auth/change-password')
      .set('authorization', `Bearer ${one.accessToken}`)
      .send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })
      .expect(200);
    await ended(one.accessToken);
    await ended(two.accessToken);
    await request(stack.baseUrl)
      .post('/auth/refresh')
      .send({ refreshToken: two.refreshToken })
      .expect(401);
    await me(changed.body.accessToken).expect(200);
  });

  it('an administrator’s reset ends every session of the user', async () => {
    const user = await createUser(stack.dataSource, ['OPERATOR']);
    const { one, two } = await twoSessions(user.username);
    await request(stack.baseUrl)
      .post(`/admin/users/${user.id}/reset-password`)
      .set('authorization', admin)
      .expect(200);
    await ended(one.accessToken);
    await ended(two.accessToken);
  });

  it('deactivation ends every session, and reactivation does not bring the old tokens back', async () => {
    const user = await createUser(stack.dataSource, ['MEMBER']);
    const { one, two } = await twoSessions(user.username);
    await request(stack.baseUrl)
      .patch(`/admin/users/${user.id}`)
      .set('authorization', admin)
      .send({ disabled: true })
      .expect(200);
    await ended(one.accessToken);
    await ended(two.accessToken);
    await request(stack.baseUrl)
      .patch(`/admin/users/${user.id}`)
      .set('authorization', admin)
      .send({ disabled: false })
      .expect(200);
    await ended(one.accessToken);
    await signIn(stack.baseUrl, user.username); // the account itself works again
  });

  it('a change of roles or of a clerk’s agency ends every session', async () => {
    const user = await createUser(stack.dataSource, ['REVIEWER']);
    const { one, two } = await twoSessions(user.username);
    await request(stack.baseUrl)
      .patch(`/admin/users/${user.id}`)
      .set('authorization', admin)
      .send({ roles: ['REVIEWER', 'SECRETARY'] })
      .expect(200);
    await ended(one.accessToken);
    await ended(two.accessToken);

    const first = await createAgency(stack.dataSource);
    const second = await createAgency(stack.dataSource);
    const clerk = await createUser(stack.dataSource, ['CLERK'], first);
    const clerkTokens = await twoSessions(clerk.username);
    await request(stack.baseUrl)
      .patch(`/admin/users/${clerk.id}`)
      .set('authorization', admin)
      .send({ agencyId: second })
      .expect(200);
    await ended(clerkTokens.one.accessToken);
    await ended(clerkTokens.two.accessToken);
  });

  it('another API process refuses the ended token at once too, though it had just read it', async () => {
    const user = await createUser(stack.dataSource, ['REVIEWER']);
    const { one, two } = await twoSessions(user.username);
    // The replica reads the user behind each token (and may keep that read for 2 s).
    await me(one.accessToken, replica.baseUrl).expect(200);
    await me(two.accessToken, replica.baseUrl).expect(200);
    await me(one.accessToken, replica.baseUrl).expect(200);

    await request(stack.baseUrl)
      .post('/auth/sign-out')
      .send({ refreshToken: one.refreshToken })
      .expect(204);
    await ended(one.accessToken, replica.baseUrl);
    await me(two.accessToken, replica.baseUrl).expect(200);

    await me(two.accessToken, replica.baseUrl).expect(200);
    await request(stack.baseUrl)
      .post(`/admin/users/${user.id}/reset-password`)
      .set('authorization', admin)
      .expect(200);
    await ended(two.accessToken, replica.baseUrl);

    // And the other way round: a change made through the replica reaches the first process.
    const other = await createUser(stack.dataSource, ['OPERATOR']);
    const tokens = await signIn(replica.baseUrl, other.username);
    await me(tokens.accessToken).expect(200);
    await request(replica.baseUrl)
      .post('/auth/sign-out')
      .send({ refreshToken: tokens.refreshToken })
      .expect(204);
    await ended(tokens.accessToken);
  });
});
