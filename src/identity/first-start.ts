import { DataSource } from 'typeorm';
import type { Role } from '../../workflows/common/actors';
import { legalEntityCheckDigit } from '../common/validation/iranian-ids';
import { AgencyEntity } from './entities/agency.entity';
import { UserEntity } from './entities/user.entity';
import { generateTemporaryPassword, hashPassword } from './passwords';

export interface InitialCredential {
  username: string;
  password: string;
  roles: Role[];
  agency?: string;
}

/** Serialises first-start work between processes started together. */
const FIRST_START_LOCK = 7405002;

/**
 * On an empty database: one administrator with a random one-time password, returned so the
 * caller prints it once (it is never logged, never stored in clear, and must be changed at the
 * first sign-in). Does nothing when any user exists.
 */
export async function ensureInitialAdministrator(
  dataSource: DataSource,
): Promise<InitialCredential | undefined> {
  return dataSource.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [FIRST_START_LOCK]);
    if ((await tx.count(UserEntity)) > 0) return undefined;
    const password = generateTemporaryPassword();
    await tx.insert(UserEntity, {
      username: 'admin',
      displayName: 'مسئول سایت — Site administrator',
      roles: ['ADMINISTRATOR'],
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
    });
    return { username: 'admin', password, roles: ['ADMINISTRATOR'] };
  });
}

const withCheckDigit = (first10: string) => first10 + String(legalEntityCheckDigit(first10));

/** Two demo agencies with valid legal-entity national IDs (check digits computed, not real bodies). */
const DEMO_AGENCIES = [
  {
    name: 'اداره کل نمونه راه و شهرسازی (نمایشی)',
    nationalId: withCheckDigit('1400000001'),
    province: 'آذربایجان شرقی',
  },
  {
    name: 'دانشگاه نمونه علوم پزشکی (نمایشی)',
    nationalId: withCheckDigit('1400000002'),
    province: 'آذربایجان شرقی',
  },
];

const DEMO_USERS: { username: string; displayName: string; roles: Role[]; agency?: number }[] = [
  { username: 'demo.clerk1', displayName: 'کارمند نمایشی ۱', roles: ['CLERK'], agency: 0 },
  { username: 'demo.clerk2', displayName: 'کارمند نمایشی ۲', roles: ['CLERK'], agency: 1 },
  { username: 'demo.reviewer', displayName: 'کارشناس نمایشی', roles: ['REVIEWER'] },
  { username: 'demo.secretary', displayName: 'دبیر نمایشی', roles: ['SECRETARY'] },
  { username: 'demo.member1', displayName: 'عضو نمایشی ۱', roles: ['MEMBER'] },
  { username: 'demo.member2', displayName: 'عضو نمایشی ۲', roles: ['MEMBER'] },
  { username: 'demo.operator', displayName: 'راهبر نمایشی', roles: ['OPERATOR'] },
];

/**
 * Demo agencies and one user per role, only when asked for (DEMO_DATA) and only once. Each user
 * gets a random one-time password, returned for printing once.
 */
export async function seedDemoData(dataSource: DataSource): Promise<InitialCredential[]> {
  return dataSource.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [FIRST_START_LOCK]);
    if ((await tx.countBy(UserEntity, { username: DEMO_USERS[0].username })) > 0) return [];
    const agencyIds: string[] = [];
    for (const agency of DEMO_AGENCIES) {
      const existing = await tx.findOneBy(AgencyEntity, { nationalId: agency.nationalId });
      agencyIds.push(
        existing?.id ??
          ((await tx.insert(AgencyEntity, agency)).identifiers[0] as { id: string }).id,
      );
    }
    const credentials: InitialCredential[] = [];
    for (const user of DEMO_USERS) {
      const password = generateTemporaryPassword();
      await tx.insert(UserEntity, {
        username: user.username,
        displayName: user.displayName,
        roles: user.roles,
        agencyId: user.agency === undefined ? null : agencyIds[user.agency],
        passwordHash: await hashPassword(password),
        mustChangePassword: true,
      });
      credentials.push({
        username: user.username,
        password,
        roles: user.roles,
        agency: user.agency === undefined ? undefined : DEMO_AGENCIES[user.agency].name,
      });
    }
    return credentials;
  });
}

/** The credentials as a framed block for a terminal, said to be shown once. */
export function formatCredentials(credentials: InitialCredential[]): string {
  const rows = credentials.map(
    (c) =>
      `  ${c.username.padEnd(16)} ${c.password}   ${c.roles.join(',')}${c.agency ? ` — ${c.agency}` : ''}`,
  );
  return [
    '',
    '================ one-time passwords — گذرواژه‌های یک‌بار مصرف ================',
    ...rows,
    '  Shown this once and never stored in clear: note them now. Each must be changed',
    '  at the first sign-in (POST /auth/sign-in, then POST /auth/change-password).',
    '  این گذرواژه‌ها فقط همین یک بار نمایش داده می‌شوند و در اولین ورود باید تغییر کنند.',
    '==============================================================================',
    '',
  ].join('\n');
}
