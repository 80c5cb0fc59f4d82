import { JwtService } from '@nestjs/jwt';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/configuration';
import type { AccessChangeChannel, AccessChangeListener } from './access-change-channel';
import { AuthService } from './auth.service';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const SESSION = '0b7c2f4e-5d8a-4c1e-9f3b-2a6d8e1c4b70';

interface Row {
  id: string;
  username: string;
  roles: string[];
  agency_id: string | null;
  must_change_password: boolean;
  disabled: boolean;
  token_version: number;
  session_live: boolean;
}

/** The user read behind an access token: once per burst, never cached across an access change. */
describe('AuthService.authenticate', () => {
  const jwt = new JwtService({ secret: SECRET });
  const user: Row = {
    id: '6f1c8e0e-2b7a-4c55-9d2e-6a3b1f0c9a11',
    username: 'reviewer.one',
    roles: ['REVIEWER'],
    agency_id: null,
    disabled: false,
    token_version: 0,
    must_change_password: false,
    session_live: true,
  };
  let reads: { params: unknown[]; resolve: (rows: Row[]) => void }[];
  let listener: AccessChangeListener;
  let channel: { listening: boolean; published: string[] };
  let service: AuthService;

  beforeEach(() => {
    reads = [];
    const pool = {
      query: ({ values }: { values: unknown[] }) =>
        new Promise<{ rows: Row[] }>((resolve) =>
          reads.push({ params: values, resolve: (rows) => resolve({ rows }) }),
        ),
    };
    const dataSource = { driver: { master: pool } } as unknown as DataSource;
    channel = { listening: true, published: [] };
    const fakeChannel = {
      get listening() {
        return channel.listening;
      },
      subscribe: (l: AccessChangeListener) => (listener = l),
      publish: (userId: string) => {
        channel.published.push(userId);
        return Promise.resolve();
      },
    } as unknown as AccessChangeChannel;
    service = new AuthService(
      {} as AppConfig,
      jwt,
      dataSource,
      {} as never,
      {} as never,
      fakeChannel,
    );
  });

  const token = (claims: Record<string, unknown> = {}) =>
    jwt.signAsync(
      { sub: user.id, sid: SESSION, ver: 0, typ: 'access', ...claims },
      { issuer: 'vehicle-permit', expiresIn: 60 },
    );
  const settle = () => new Promise((r) => setImmediate(r));

  it('reads the user and the session in one query, once for concurrent requests with the same token', async () => {
    const t = await token();
    const answers = Promise.all([
      service.authenticate(t),
      service.authenticate(t),
      service.authenticate(t),
    ]);
    await settle();
    expect(reads).toHaveLength(1);
    expect(reads[0].params).toEqual([user.id, SESSION]);
    reads[0].resolve([user]);
    const [a, b, c] = await answers;
    expect(a).toMatchObject({ ok: true, principal: { userId: user.id, roles: ['REVIEWER'] } });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    // Cached now: no further read.
    await service.authenticate(t);
    expect(reads).toHaveLength(1);
  });

  it.each([
    ['a session that has ended', { session_live: false }],
    ['an older token version', { token_version: 1 }],
    ['a disabled account', { disabled: true }],
  ])('answers AUTH.SESSION_ENDED for %s', async (_name, change) => {
    const answer = service.authenticate(await token());
    await settle();
    reads[0].resolve([{ ...user, ...change }]);
    expect(await answer).toEqual({ ok: false, code: 'AUTH.SESSION_ENDED' });
  });

  it('refuses a token without a session id, or not signed by us, without reading anything', async () => {
    const old = await jwt.signAsync(
      { sub: user.id, ver: 0, typ: 'access' },
      { issuer: 'vehicle-permit', expiresIn: 60 },
    );
    expect(await service.authenticate(old)).toEqual({ ok: false, code: 'AUTH.TOKEN_INVALID' });
    expect(await service.authenticate(await token({ sid: 'x' }))).toEqual({
      ok: false,
      code: 'AUTH.TOKEN_INVALID',
    });
    const forged = await new JwtService({ secret: `${SECRET}-other` }).signAsync(
      { sub: user.id, sid: SESSION, ver: 0, typ: 'access' },
      { issuer: 'vehicle-permit', expiresIn: 60 },
    );
    expect(await service.authenticate(forged)).toEqual({ ok: false, code: 'AUTH.TOKEN_INVALID' });
    expect(reads).toHaveLength(0);
  });

  it('does not cache a read that an access change overtook, and tells the other processes', async () => {
    const t = await token();
    const first = service.authenticate(t);
    await settle();
    await service.forget(user.id); // e.g. an administrator removed a role meanwhile
    expect(channel.published).toEqual([user.id]);
    reads[0].resolve([user]);
    await first;
    const second = service.authenticate(t);
    await settle();
    expect(reads).toHaveLength(2); // read afresh, not answered from the stale read
    reads[1].resolve([{ ...user, disabled: true }]);
    expect(await second).toMatchObject({ ok: false });
  });

  it('does not let a request after an access change join a read begun before it', async () => {
    const t = await token();
    const before = service.authenticate(t);
    await settle();
    await service.forget(user.id);
    const after = service.authenticate(t); // must read afresh
    await settle();
    expect(reads).toHaveLength(2);
    reads[0].resolve([user]);
    reads[1].resolve([{ ...user, disabled: true }]);
    expect(await before).toMatchObject({ ok: true, principal: { userId: user.id } });
    expect(await after).toMatchObject({ ok: false });
  });

  it('forgets a user when another process says so, and everyone when the channel resets', async () => {
    const t = await token();
    const first = service.authenticate(t);
    await settle();
    reads[0].resolve([user]);
    await first;
    await service.authenticate(t);
    expect(reads).toHaveLength(1); // cached
    listener.changed(user.id);
    const second = service.authenticate(t);
    await settle();
    expect(reads).toHaveLength(2);
    reads[1].resolve([user]);
    await second;
    listener.reset();
    const third = service.authenticate(t);
    await settle();
    expect(reads).toHaveLength(3);
    reads[2].resolve([user]);
    await third;
  });

  it('caches nothing while the channel to the other processes is down', async () => {
    channel.listening = false;
    const t = await token();
    for (let i = 1; i <= 3; i++) {
      const answer = service.authenticate(t);
      await settle();
      expect(reads).toHaveLength(i);
      reads[i - 1].resolve([user]);
      expect(await answer).toMatchObject({ ok: true });
    }
  });
});
