import type { Principal } from '../../common/access/principal';
import { canSeeBalance } from './vehicle-balance.service';

const AGENCY = '4f7b0c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e';
const OTHER = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const user = (roles: Principal['roles'], agencyId?: string): Principal => ({
  userId: 'u',
  username: 'u',
  roles,
  agencyId,
  mustChangePassword: false,
});

describe('canSeeBalance', () => {
  it('lets reviewers, secretaries and operators see any agency', () => {
    for (const role of ['REVIEWER', 'SECRETARY', 'OPERATOR'] as const) {
      expect(canSeeBalance(user([role]), AGENCY)).toBe(true);
    }
  });

  it('lets a clerk see only their own agency, whatever other roles they hold', () => {
    expect(canSeeBalance(user(['CLERK'], AGENCY), AGENCY)).toBe(true);
    expect(canSeeBalance(user(['CLERK'], AGENCY), OTHER)).toBe(false);
    expect(canSeeBalance(user(['CLERK', 'MEMBER'], AGENCY), OTHER)).toBe(false);
    expect(canSeeBalance(user(['CLERK', 'REVIEWER'], AGENCY), OTHER)).toBe(true);
    expect(canSeeBalance(user(['MEMBER']), AGENCY)).toBe(false);
  });
});
