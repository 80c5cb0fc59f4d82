import { JwtService } from '@nestjs/jwt';
import type { Repository } from 'typeorm';
import type { AppConfig } from '../config/configuration';
import type { UserEntity } from '../identity/entities/user.entity';
import { AuthService } from './auth.service';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';

/** The user read behind an access token: once per burst, never cached across an access change. */
describe('AuthService.authenticate', () => {
  const jwt = new JwtService({ secret: SECRET });
  const user = {
    id: '6f1c8e0e-2b7a-4c55-9d2e-6a3b1f0c9a11',
    username: 'reviewer.one',
    roles: ['REVIEWER'],
    agencyId: null,
    disabled: false,
    tokenVersion: 0,
    mustChangePassword: false,
  } as unknown as UserEntity;
  let reads: { resolve: (u: UserEntity) => void }[];
  let service: AuthService;

  beforeEach(() => {
    reads = [];
    const users = {
      findOneBy: () => new Promise<UserEntity>((resolve) => reads.push({ resolve })),
    } as unknown as Repository<UserEntity>;
    service = new AuthService({} as AppConfig, jwt, {} as never, users, {} as never);
  });

  const token = () =>
    jwt.signAsync(
      { sub: user.id, ver: 0, typ: 'access' },
      { issuer: 'vehicle-permit', expiresIn: 60 },
    );
  const settle = () => new Promise((r) => setImmediate(r));

  it('reads the user once for concurrent requests with the same token', async () => {
    const t = await token();
    const answers = Promise.all([
      service.authenticate(t),
      service.authenticate(t),
      service.authenticate(t),
    ]);
    await settle();
    expect(reads).toHaveLength(1);
    reads[0].resolve(user);
    const [a, b, c] = await answers;
    expect(a).toMatchObject({ userId: user.id, roles: ['REVIEWER'] });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    // Cached now: no further read.
    await service.authenticate(t);
    expect(reads).toHaveLength(1);
  });

  it('does not cache a read that an access change overtook', async () => {
    const t = await token();
    const first = service.authenticate(t);
    await settle();
    service.forget(user.id); // e.g. an administrator removed a role meanwhile
    reads[0].resolve(user);
    await first;
    const second = service.authenticate(t);
    await settle();
    expect(reads).toHaveLength(2); // read afresh, not answered from the stale read
    reads[1].resolve({ ...user, disabled: true });
    expect(await second).toBeUndefined();
  });

  it('does not let a request after an access change join a read begun before it', async () => {
    const t = await token();
    const before = service.authenticate(t);
    await settle();
    service.forget(user.id);
    const after = service.authenticate(t); // must read afresh
    await settle();
    expect(reads).toHaveLength(2);
    reads[0].resolve(user);
    reads[1].resolve({ ...user, disabled: true });
    expect(await before).toMatchObject({ userId: user.id });
    expect(await after).toBeUndefined();
  });
});
