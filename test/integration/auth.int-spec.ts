import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { dammCheckDigit } from '../../src/common/tracking-code';
import { legalEntityCheckDigit } from '../../src/common/validation/iranian-ids';
import {
  type ApiReplica,
  eventually,
  RunningStack,
  startApiReplica,
  startStack,
  TEST_JWT_SECRET,
  testClientAddress,
  testConfig,
} from './harness/app-harness';
import { createAgency, createUser, signedIn, signIn, TEST_PASSWORD } from './harness/identity';

const NEW_PASSWORD = 'Brand-New-Pass-1405';

/**
 * Sign-in, tokens, lockout, resets and the public tracking look-up, through the real API and
 * PostgreSQL (and Temporal for the case the tracking test follows).
 */
describe('identity: sign-in, tokens, lockout, password resets, tracking', () => {
  let stack: RunningStack;
  // A replica whose back-off (a minute, the most allowed) outlasts any burst, however slow the
  // machine (see the parallel-guesses test). Closed after the tests: closing an app closes the
  // Temporal connection it shares with the stack.
  let patient: ApiReplica;
  let admin: string;
  let adminId: string;
  const api = () => request(stack.baseUrl);

  beforeAll(async () => {
    stack = await startStack(
      testConfig({
        AUTH_MAX_FAILED_SIGN_INS: '3',
        AUTH_LOCKOUT_SECONDS: '2',
        AUTH_BACKOFF_BASE_MS: '300',
      }),
    );
    patient = await startApiReplica(
      stack,
      testConfig({
        AUTH_MAX_FAILED_SIGN_INS: '3',
        AUTH_LOCKOUT_SECONDS: '2',
        AUTH_BACKOFF_BASE_MS: '60000',
      }),
    );
    const administrator = await signedIn(stack.baseUrl, stack.dataSource, ['ADMINISTRATOR']);
    admin = administrator.auth;
    adminId = administrator.id;
  });
  afterAll(async () => {
    await patient?.close();
    await stack?.close();
  });

  it('signs in with the right password, refuses a wrong one and an unknown user alike', async () => {
    const user = await createUser(stack.dataSource, ['REVIEWER']);
    const ok = await api()
      .post('/auth/sign-in')
      .send({ username: user.username.toUpperCase(), password: TEST_PASSWORD })
      .expect(200);
    expect(ok.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      mustChangePassword: false,
    });
    const me = await api()
      .get('/auth/me')
      .set('authorization', `Bearer ${ok.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ id: user.id, roles: ['REVIEWER'], agencyId: null });
    expect(JSON.stringify(me.body)).not.toMatch(/passwordHash|argon2/i);

    const wrong = await api()
      .post('/auth/sign-in')
      .send({ username: user.username, password: 'Not-The-Password-1' })
      .expect(401);
    const unknown = await api()
      .post('/auth/sign-in')
      .send({ username: 'nobody.at.all', password: 'Not-The-Password-1' })
      .expect(401);
    expect(wrong.body.code).toBe('AUTH.INVALID_CREDENTIALS');
    expect(unknown.body.code).toBe('AUTH.INVALID_CREDENTIALS');
    expect(unknown.body.message).toEqual(wrong.body.message);

    await api().get('/auth/me').expect(401);
    const garbage = await api()
      .get('/auth/me')
      .set('authorization', 'Bearer abc.def.ghi')
      .expect(401);
    expect(garbage.body.code).toBe('AUTH.TOKEN_INVALID');
  });

  it('rotates refresh tokens, and a replayed one ends the whole session', async () => {
    const user = await createUser(stack.dataSource, ['SECRETARY']);
    const first = await signIn(stack.baseUrl, user.username);
    const second = await api()
      .post('/auth/refresh')
      .send({ refreshToken: first.refreshToken })
      .expect(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    await api()
      .get('/auth/me')
      .set('authorization', `Bearer ${second.body.accessToken}`)
      .expect(200);

    // Rotation never extends the session.
    expect(second.body.refreshExpiresIn).toBeLessThanOrEqual(first.refreshExpiresIn);
    // The old refresh token again: refused, and its successor is revoked with it (theft).
    const replay = await api()
      .post('/auth/refresh')
      .send({ refreshToken: first.refreshToken })
      .expect(401);
    expect(replay.body.code).toBe('AUTH.TOKEN_INVALID');
    await api().post('/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
    // … and the access tokens issued so far stop working at once.
    await api()
      .get('/auth/me')
      .set('authorization', `Bearer ${second.body.accessToken}`)
      .expect(401);
    const audited = await stack.dataSource.query(
      `SELECT action FROM audit_log WHERE resource_id = $1 AND action LIKE 'auth.refresh%' ORDER BY seq`,
      [user.id],
    );
    expect(audited.map((r: { action: string }) => r.action)).toEqual([
      'auth.refresh',
      'auth.refresh-token-reused',
      'auth.refresh-refused',
    ]);
  });

  it('counts parallel guesses one by one: the back-off holds however many arrive at once', async () => {
    // On the patient replica: with the file's 300 ms a loaded machine can spread ten requests
    // wider than the back-off, and a third guess is then rightly checked. What is under test is
    // the claim, not the clock.
    const user = await createUser(stack.dataSource, ['REVIEWER']);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        request(patient.baseUrl)
          .post('/auth/sign-in')
          .send({ username: user.username, password: 'Wrong-Password-1' }),
      ),
    );
    const statuses = answers.map((res) => res.status).sort();
    // Two attempts are checked (the back-off starts after the second failure), the rest wait.
    expect(statuses).toEqual([401, 401, 429, 429, 429, 429, 429, 429, 429, 429]);
    const [row] = await stack.dataSource.query('SELECT failed_sign_ins FROM users WHERE id = $1', [
      user.id,
    ]);
    expect(row.failed_sign_ins).toBe(2);
  });

  it('refuses expired access and refresh tokens', async () => {
    const user = await createUser(stack.dataSource, ['OPERATOR']);
    const tokens = await signIn(stack.baseUrl, user.username);
    const jwt = new JwtService({ secret: TEST_JWT_SECRET });
    const { sid } = jwt.decode<{ sid: string }>(tokens.accessToken);
    const expired = jwt.sign(
      { sub: user.id, sid, ver: 0, typ: 'access', exp: Math.floor(Date.now() / 1000) - 5 },
      { issuer: 'vehicle-permit' },
    );
    const fresh = jwt.sign(
      { sub: user.id, sid, ver: 0, typ: 'access', exp: Math.floor(Date.now() / 1000) + 60 },
      { issuer: 'vehicle-permit' },
    );
    // The same claims before expiry pass, so the refusal below is the expiry and nothing else.
    await api().get('/auth/me').set('authorization', `Bearer ${fresh}`).expect(200);
    const res = await api().get('/auth/me').set('authorization', `Bearer ${expired}`).expect(401);
    expect(res.body.code).toBe('AUTH.TOKEN_INVALID');
    const forged = new JwtService({ secret: 'another-secret-of-at-least-32-characters!' }).sign(
      { sub: user.id, sid, ver: 0, typ: 'access' },
      { issuer: 'vehicle-permit' },
    );
    await api().get('/auth/me').set('authorization', `Bearer ${forged}`).expect(401);

    await stack.dataSource.query(
      `UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [user.id],
    );
    await api().post('/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
    // The session's end ends its access tokens too, though they have minutes left.
    const ended = await api()
      .get('/auth/me')
      .set('authorization', `Bearer ${tokens.accessToken}`)
      .expect(401);
    expect(ended.body.code).toBe('AUTH.SESSION_ENDED');
  });

  it('signs out: the refresh token stops working', async () => {
    const user = await createUser(stack.dataSource, ['MEMBER']);
    const tokens = await signIn(stack.baseUrl, user.username);
    await api().post('/auth/sign-out').send({ refreshToken: tokens.refreshToken }).expect(204);
    await api().post('/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
  });

  it('slows repeated failures down, then locks the account; the lock lifts with time', async () => {
    const user = await createUser(stack.dataSource, ['REVIEWER']);
    const fail = () =>
      api().post('/auth/sign-in').send({ username: user.username, password: 'Wrong-Password-1' });
    expect((await fail()).status).toBe(401);
    expect((await fail()).status).toBe(401);
    // Two failures: the next attempt must wait (base 300 ms), even with the right password.
    const slowed = await api()
      .post('/auth/sign-in')
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(429);
    expect(slowed.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 350));
    const locked = await fail().expect(423);
    expect(locked.body.code).toBe('AUTH.ACCOUNT_LOCKED');
    expect(locked.body.message.fa).toMatch(/قفل/);
    // Locked: even the right password is refused until the lock lifts (2 s here).
    await api()
      .post('/auth/sign-in')
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(423);
    await eventually(async () => {
      const res = await api()
        .post('/auth/sign-in')
        .send({ username: user.username, password: TEST_PASSWORD });
      return res.status === 200 ? true : undefined;
    }, 5000);
  });

  it('lets an administrator lift a lock at once', async () => {
    const user = await createUser(stack.dataSource, ['REVIEWER']);
    await stack.dataSource.query(
      `UPDATE users SET failed_sign_ins = 3, locked_until = now() + interval '1 hour' WHERE id = $1`,
      [user.id],
    );
    await api()
      .post('/auth/sign-in')
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(423);
    const unlocked = await api()
      .post(`/admin/users/${user.id}/unlock`)
      .set('authorization', admin)
      .expect(200);
    expect(unlocked.body).toMatchObject({ lockedUntil: null, failedSignIns: 0 });
    await signIn(stack.baseUrl, user.username);
  });

  it('an administrator’s reset ends the user’s sessions and forces a change at the next sign-in', async () => {
    const agencyId = await createAgency(stack.dataSource);
    const clerk = await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], agencyId);
    const reset = await api()
      .post(`/admin/users/${clerk.id}/reset-password`)
      .set('authorization', admin)
      .expect(200);
    const temporary: string = reset.body.temporaryPassword;
    expect(temporary).toHaveLength(16);
    expect(reset.body.user).toMatchObject({ id: clerk.id, mustChangePassword: true });
    // The old token stops at once; the old password too.
    await api().get('/auth/me').set('authorization', clerk.auth).expect(401);
    await api()
      .post('/auth/sign-in')
      .send({ username: clerk.username, password: TEST_PASSWORD })
      .expect(401);

    const pending = await signIn(stack.baseUrl, clerk.username, temporary);
    expect(pending.mustChangePassword).toBe(true);
    const bearer = `Bearer ${pending.accessToken}`;
    const blocked = await api().post('/cases').set('authorization', bearer).send({}).expect(403);
    expect(blocked.body.code).toBe('AUTH.PASSWORD_CHANGE_REQUIRED');
    await api().get('/auth/me').set('authorization', bearer).expect(200);

    const weak = await api()
      .post('/auth/change-password')
      .set('authorization', bearer)
      .send({ currentPassword: temporary, newPassword: 'short' })
      .expect(400);
    expect(weak.body.code).toBe('AUTH.PASSWORD_TOO_WEAK');
    expect(weak.body.details[0]).toMatchObject({ field: 'newPassword' });
    expect(weak.body.details[0].message.fa).toBeTruthy();
    await api()
      .post('/auth/change-password')
      .set('authorization', bearer)
      .send({ currentPassword: 'Wrong-Password-9', newPassword: NEW_PASSWORD })
      .expect(400)
      .expect((res) => expect(res.body.code).toBe('AUTH.CURRENT_PASSWORD_WRONG'));
    await new Promise((r) => setTimeout(r, 50)); // that failure counts like a failed sign-in

    const changed = await api()
      .post('/auth/change-password')
      .set('authorization', bearer)
      .send({ currentPassword: temporary, newPassword: NEW_PASSWORD })
      .expect(200);
    expect(changed.body.mustChangePassword).toBe(false);
    await api().get('/auth/me').set('authorization', bearer).expect(401); // pre-change token
    await api()
      .post('/cases')
      .set('authorization', `Bearer ${changed.body.accessToken}`)
      .send({})
      .expect(400); // past the guard: now only the (empty) form is wrong
    await signIn(stack.baseUrl, clerk.username, NEW_PASSWORD);
    const stored = await stack.dataSource.query('SELECT password_hash FROM users WHERE id = $1', [
      clerk.id,
    ]);
    expect(stored[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(stored[0].password_hash).not.toContain(NEW_PASSWORD);
  });

  it('manages users and agencies: validation, a clerk’s one agency, unique names, no self-granted access', async () => {
    const badAgency = await api()
      .post('/agencies')
      .set('authorization', admin)
      .send({ name: 'دستگاه', nationalId: '10380284791', province: 'تهران' })
      .expect(400);
    expect(badAgency.body.details[0]).toMatchObject({ field: 'nationalId' });
    // A fresh valid ID, typed in Persian digits: stored in ASCII, and unique.
    const first10 = String(Date.now()).slice(-10);
    const nationalId = first10 + String(legalEntityCheckDigit(first10));
    const persianId = nationalId.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
    const agency = await api()
      .post('/agencies')
      .set('authorization', admin)
      .send({ name: 'دستگاه نمونه', nationalId: persianId, province: 'تهران' })
      .expect(201);
    expect(agency.body.nationalId).toBe(nationalId);
    const twice = await api()
      .post('/agencies')
      .set('authorization', admin)
      .send({ name: 'دستگاه دیگر', nationalId, province: 'تهران' })
      .expect(409);
    expect(twice.body.code).toBe('AGENCY.NATIONAL_ID_TAKEN');

    const noAgency = await api()
      .post('/admin/users')
      .set('authorization', admin)
      .send({ username: 'clerk.without', displayName: 'بی دستگاه', roles: ['CLERK'] })
      .expect(400);
    expect(noAgency.body.code).toBe('USER.CLERK_NEEDS_AGENCY');

    const agencyId = await createAgency(stack.dataSource);
    const username = `clerk.${Date.now()}`;
    const created = await api()
      .post('/admin/users')
      .set('authorization', admin)
      .send({
        username,
        displayName: 'کارمند',
        roles: ['CLERK'],
        agencyId,
        mobile: '+98 912 123 4567',
        nationalCode: '۰۴۹۹۳۷۰۸۹۹',
      })
      .expect(201);
    expect(created.body.user).toMatchObject({
      mobile: '09121234567',
      nationalCode: '0499370899',
      mustChangePassword: true,
    });
    await api()
      .post('/admin/users')
      .set('authorization', admin)
      .send({
        username: username.toUpperCase().toLowerCase(),
        displayName: 'دوم',
        roles: ['REVIEWER'],
      })
      .expect(409);

    // Disabling ends the user's access at once.
    const reviewer = await signedIn(stack.baseUrl, stack.dataSource, ['REVIEWER']);
    await api()
      .patch(`/admin/users/${reviewer.id}`)
      .set('authorization', admin)
      .send({ disabled: true })
      .expect(200);
    await api().get('/auth/me').set('authorization', reviewer.auth).expect(401);

    // An administrator cannot change their own access (no self-granted case or codec rights),
    // and what an administrator changes for others is audited with its before and after.
    const self = await api()
      .patch(`/admin/users/${adminId}`)
      .set('authorization', admin)
      .send({ roles: ['ADMINISTRATOR', 'OPERATOR'] })
      .expect(403);
    expect(self.body.code).toBe('USER.OWN_ACCESS');
    await api()
      .patch(`/admin/users/${adminId}`)
      .set('authorization', admin)
      .send({ displayName: 'مسئول سایت' })
      .expect(200);
    const changes = await stack.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'user.access-changed' AND resource_id = $1`,
      [reviewer.id],
    );
    expect(changes).toEqual([
      {
        details: expect.objectContaining({ disabledBefore: false, disabledAfter: true }),
      },
    ]);

    // Null for a required field is a clear 400, not a database error.
    const nulled = await api()
      .patch(`/admin/users/${reviewer.id}`)
      .set('authorization', admin)
      .send({ displayName: null, roles: null })
      .expect(400);
    expect(nulled.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'displayName',
      'roles',
    ]);
    const agencyNull = await api()
      .patch(`/agencies/${agencyId}`)
      .set('authorization', admin)
      .send({ name: null })
      .expect(400);
    expect(agencyNull.body.details[0]).toMatchObject({ field: 'name' });

    // An inactive agency gets no new clerks and files no new cases.
    const clerk = await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], agencyId);
    await api()
      .patch(`/agencies/${agencyId}`)
      .set('authorization', admin)
      .send({ active: false })
      .expect(200);
    const inactive = await api()
      .post('/admin/users')
      .set('authorization', admin)
      .send({ username: `late.${Date.now()}`, displayName: 'دیرآمده', roles: ['CLERK'], agencyId })
      .expect(409);
    expect(inactive.body.code).toBe('AGENCY.INACTIVE');
    const filed = await api()
      .post('/cases')
      .set('authorization', clerk.auth)
      .send({
        requestType: 'SALE',
        justification: 'فروش خودروی مازاد بر نیاز',
        vehicles: [{ plate: '45ج678-15', usageClass: 'PICKUP' }],
      })
      .expect(409);
    expect(filed.body.code).toBe('AGENCY.INACTIVE');
  });

  it('answers the public tracking look-up: stage and next step only; mistyped and unknown codes told apart', async () => {
    const agencyId = await createAgency(stack.dataSource);
    const clerk = await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], agencyId);
    const registered = await api()
      .post('/cases')
      .set('authorization', clerk.auth)
      .send({
        requestType: 'SCRAP',
        justification: 'خودروی فرسوده با هزینه تعمیر بالا',
        vehicles: [{ plate: '12ب345-15', vin: 'NAAM01E07HK123456', usageClass: 'SEDAN' }],
      })
      .expect(201);
    const code: string = registered.body.trackingCode;
    const persian = code.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
    const tracked = await eventually(async () => {
      const res = await api().get(`/track/${encodeURIComponent(persian)}`);
      return res.status === 200 ? res.body : undefined;
    });
    expect(tracked).toMatchObject({ trackingCode: code, requestType: 'SCRAP' });
    expect(tracked.nextStep.fa).toBeTruthy();
    expect(tracked.registeredAtJalali).toMatch(/^14\d\d\/\d\d\/\d\d/);
    const shown = JSON.stringify(tracked);
    for (const secret of [agencyId, '12ب345-15', 'NAAM01E07HK123456', 'فرسوده', clerk.id]) {
      expect(shown).not.toContain(secret);
    }

    const typo = code.slice(0, 5) + ((Number(code[5]) + 1) % 10) + code.slice(6);
    const mistyped = await api().get(`/track/${typo}`).expect(400);
    expect(mistyped.body.code).toBe('TRACKING.INVALID_CODE');
    let unknown = '';
    do {
      const body = String(1e10 + Math.floor(Math.random() * 8e10)).slice(0, 11);
      unknown = body + String(dammCheckDigit(body));
    } while (unknown === code);
    const missing = await api().get(`/track/${unknown}`).expect(404);
    expect(missing.body.code).toBe('TRACKING.NOT_FOUND');
  });

  it('audits sign-ins, failures, reads and refusals in a chain that verifies', async () => {
    const user = await createUser(stack.dataSource, ['REVIEWER']);
    await api()
      .post('/auth/sign-in')
      .send({ username: user.username, password: 'Wrong-Password-1' })
      .expect(401);
    const tokens = await signIn(stack.baseUrl, user.username);
    await api()
      .get('/admin/users')
      .set('authorization', `Bearer ${tokens.accessToken}`)
      .expect(403);
    const rows: { action: string; outcome: string; actor_user_id: string | null }[] =
      await stack.dataSource.query(
        `SELECT action, outcome, actor_user_id FROM audit_log
         WHERE resource_id = $1 OR actor_user_id = $1::uuid ORDER BY seq`,
        [user.id],
      );
    expect(rows.map((r) => `${r.action}:${r.outcome}`)).toEqual([
      'auth.sign-in-failed:denied',
      'auth.sign-in:success',
      'access.denied:denied',
    ]);
    const verified = await api().get('/audit/verify').set('authorization', admin).expect(200);
    expect(verified.body.valid).toBe(true);
  });
});

describe('rate limits, shared by every API process', () => {
  let stack: RunningStack;
  let replica: ApiReplica;
  let direct: ApiReplica;
  const limits = {
    RATE_LIMIT_SIGN_IN_PER_MINUTE: '4',
    RATE_LIMIT_ACCOUNT_PER_MINUTE: '2',
    RATE_LIMIT_TRACKING_PER_MINUTE: '4',
    RATE_LIMIT_TRACKING_PER_HOUR: '7',
  };
  const counters = () => stack.dataSource.query('DELETE FROM rate_limit_counters');
  beforeAll(async () => {
    // Two replicas behind a proxy on loopback (X-Forwarded-For names each test's own client),
    // and one that trusts no proxy (the default).
    stack = await startStack(testConfig({ ...limits, TRUST_PROXY: 'loopback' }));
    replica = await startApiReplica(stack);
    direct = await startApiReplica(stack, testConfig(limits));
  });
  afterAll(async () => {
    await direct?.close();
    await replica?.close();
    await stack?.close();
  });

  const look = (baseUrl: string, client: string) =>
    request(baseUrl).get('/track/100000000000').set('x-forwarded-for', client);
  const attempt = (baseUrl: string, client: string, username: string) =>
    request(baseUrl)
      .post('/auth/sign-in')
      .set('x-forwarded-for', client)
      .send({ username, password: 'Wrong-Password-1' });
  const expectLimited = (res: request.Response, maxRetryAfter: number) => {
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 429, code: 'RATE.LIMITED' });
    expect(res.body.message.fa).toBeTruthy();
    expect(res.body.message.en).toBeTruthy();
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(maxRetryAfter);
    return retryAfter;
  };

  it('counts tracking look-ups of one client on one counter, whichever process answers', async () => {
    const client = testClientAddress();
    for (const baseUrl of [stack.baseUrl, replica.baseUrl, stack.baseUrl, replica.baseUrl])
      await look(baseUrl, client).expect(400); // mistyped: answered, and counted
    expectLimited(await look(stack.baseUrl, client), 60);
    expectLimited(await look(replica.baseUrl, client), 60);
    // Another client behind the same proxy has its own counters.
    await look(replica.baseUrl, testClientAddress()).expect(400);
    // Complaint look-ups count on the same counters.
    expectLimited(
      await request(stack.baseUrl)
        .get('/complaints/track/100000000000')
        .set('x-forwarded-for', client),
      60,
    );

    // The minute runs out (moved back here): the hour's limit (7) still holds, until its own end.
    await stack.dataSource.query(
      `UPDATE rate_limit_counters SET window_started_at = window_started_at - interval '61 seconds'
       WHERE bucket = 'tracking:minute'`,
    );
    const retryAfter = expectLimited(await look(replica.baseUrl, client), 3600);
    expect(retryAfter).toBeGreaterThan(60);
  });

  it('limits sign-in attempts per account from any address, and per address for any account', async () => {
    const account = `nobody.${Date.now()}`;
    await attempt(stack.baseUrl, testClientAddress(), account).expect(401);
    await attempt(replica.baseUrl, testClientAddress(), account).expect(401);
    expectLimited(await attempt(stack.baseUrl, testClientAddress(), account), 60);
    expectLimited(await attempt(replica.baseUrl, testClientAddress(), account.toUpperCase()), 60);

    const client = testClientAddress();
    for (const [i, baseUrl] of [
      stack.baseUrl,
      replica.baseUrl,
      stack.baseUrl,
      replica.baseUrl,
    ].entries())
      await attempt(baseUrl, client, `guess${i}.${Date.now()}`).expect(401);
    expectLimited(await attempt(replica.baseUrl, client, `guess9.${Date.now()}`), 60);
  });

  it('counts a password change on the account with its sign-ins', async () => {
    const user = await createUser(stack.dataSource, ['REVIEWER']);
    const signedInRes = await request(stack.baseUrl)
      .post('/auth/sign-in')
      .set('x-forwarded-for', testClientAddress())
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(200);
    const change = (baseUrl: string) =>
      request(baseUrl)
        .post('/auth/change-password')
        .set('x-forwarded-for', testClientAddress())
        .set('authorization', `Bearer ${signedInRes.body.accessToken}`)
        .send({ currentPassword: 'Wrong-Password-9', newPassword: NEW_PASSWORD });
    await change(replica.baseUrl).expect(400);
    expectLimited(await change(stack.baseUrl), 60);
  });

  it('believes X-Forwarded-For only when TRUST_PROXY says so', async () => {
    await counters(); // this process counts on the socket's address, which other tests share
    // Trusted proxy: each named client has its own counters.
    for (let i = 0; i < 5; i++) await look(stack.baseUrl, testClientAddress()).expect(400);
    // No proxy trusted: whatever the header says, it is one client (the socket's address).
    for (let i = 0; i < 4; i++) await look(direct.baseUrl, testClientAddress()).expect(400);
    expectLimited(await look(direct.baseUrl, testClientAddress()), 60);
    await counters();
  });
});
