import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { legalEntityCheckDigit } from '../../../src/common/validation/iranian-ids';
import { AgencyEntity } from '../../../src/identity/entities/agency.entity';
import { UserEntity } from '../../../src/identity/entities/user.entity';
import { hashPassword } from '../../../src/identity/passwords';
import type { Role } from '../../../workflows/common/actors';

/** The password every test user gets (meets the policy). */
export const TEST_PASSWORD = 'Test-Password-2026';
let passwordHash: Promise<string> | undefined;

/** A fresh agency with a valid, unique legal-entity national ID. */
export async function createAgency(dataSource: DataSource, name = 'test agency'): Promise<string> {
  for (;;) {
    const first10 = String(Math.floor(1e9 + Math.random() * 9e9));
    const nationalId = first10 + String(legalEntityCheckDigit(first10));
    const clash = await dataSource.getRepository(AgencyEntity).countBy({ nationalId });
    if (clash) continue;
    const inserted = await dataSource
      .getRepository(AgencyEntity)
      .insert({ name, nationalId, province: 'آذربایجان شرقی' });
    return (inserted.identifiers[0] as { id: string }).id;
  }
}

export interface TestUser {
  id: string;
  username: string;
  roles: Role[];
  agencyId?: string;
}

/** A user straight into the database, with TEST_PASSWORD and no pending password change. */
export async function createUser(
  dataSource: DataSource,
  roles: Role[],
  agencyId?: string,
  options: { mustChangePassword?: boolean } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = `${roles.join('-').toLowerCase()}.${randomUUID().slice(0, 8)}`;
  const inserted = await dataSource.getRepository(UserEntity).insert({
    username,
    displayName: 'کاربر آزمایشی',
    roles,
    agencyId: agencyId ?? null,
    passwordHash: await passwordHash,
    mustChangePassword: options.mustChangePassword ?? false,
  });
  return { id: (inserted.identifiers[0] as { id: string }).id, username, roles, agencyId };
}

/** Signs in over HTTP; returns the token pair. */
export async function signIn(
  baseUrl: string,
  username: string,
  password = TEST_PASSWORD,
): Promise<{
  accessToken: string;
  refreshToken: string;
  refreshExpiresIn: number;
  mustChangePassword: boolean;
}> {
  const res = await request(baseUrl).post('/auth/sign-in').send({ username, password });
  if (res.status !== 200) {
    throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/** A signed-in user of the given roles: the user and an Authorization header value. */
export async function signedIn(
  baseUrl: string,
  dataSource: DataSource,
  roles: Role[],
  agencyId?: string,
): Promise<TestUser & { auth: string }> {
  const user = await createUser(dataSource, roles, agencyId);
  const { accessToken } = await signIn(baseUrl, user.username);
  return { ...user, auth: `Bearer ${accessToken}` };
}
