import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { API_PREFIX } from '../src/common/api-prefix';
import { legalEntityCheckDigit } from '../src/common/validation/iranian-ids';
import { AgencyEntity } from '../src/identity/entities/agency.entity';
import { UserEntity } from '../src/identity/entities/user.entity';
import { hashPassword } from '../src/identity/passwords';
import type { Role } from '../workflows/common/actors';
import type { BenchUser } from './load-protocol';

/** An agency straight into the database (as the integration tests make theirs). */
export async function createAgency(dataSource: DataSource): Promise<string> {
  const first10 = String(Math.floor(1e9 + Math.random() * 9e9));
  const inserted = await dataSource.getRepository(AgencyEntity).insert({
    name: 'اداره کل آزمون کارایی',
    nationalId: first10 + String(legalEntityCheckDigit(first10)),
    province: 'آذربایجان شرقی',
  });
  return (inserted.identifiers[0] as { id: string }).id;
}

/**
 * A user straight into the database with no pending password change, then signed in over HTTP
 * (POST /auth/sign-in) as any client would: the bearer token the benchmark sends.
 */
export async function signedInUser(
  dataSource: DataSource,
  baseUrl: string,
  role: Role,
  agencyId?: string,
): Promise<BenchUser> {
  const username = `bench.${role.toLowerCase()}.${randomBytes(3).toString('hex')}`;
  const password = `Bench-${randomBytes(12).toString('base64url')}`;
  const inserted = await dataSource.getRepository(UserEntity).insert({
    username,
    displayName: 'کاربر آزمون کارایی',
    roles: [role],
    agencyId: agencyId ?? null,
    passwordHash: await hashPassword(password),
    mustChangePassword: false,
  });
  const id = (inserted.identifiers[0] as { id: string }).id;
  const res = await fetch(`${baseUrl}/${API_PREFIX}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { accessToken?: string };
  if (res.status !== 200 || !body.accessToken)
    throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(body)}`);
  return { id, auth: `Bearer ${body.accessToken}`, agencyId };
}
