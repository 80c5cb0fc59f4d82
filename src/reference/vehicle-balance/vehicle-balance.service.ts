import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hasRole, type Principal } from '../../common/access/principal';
import { AppError } from '../../common/errors/app-error';
import { formatJalali } from '../../common/jalali';
import { TERMINAL_STAGES } from '../../../workflows/case/case.types';
import type { VehicleBalanceDto } from './dto/vehicle-balance.dto';

/**
 * Stages whose purchase is still waiting for its final decision. RESULT_ANNOUNCED is left out:
 * a case there has its result; DECIDED is in: the decision is final only once the minutes are
 * approved.
 */
const UNDECIDED_EXCLUDED = [...TERMINAL_STAGES, 'RESULT_ANNOUNCED'];

/**
 * Vehicles per case: a SCRAP case lists each vehicle once; a PURCHASE case lists classes with
 * a `count` (1 when absent or not a number, so a malformed row undercounts rather than fails).
 */
const BALANCE_SQL = `
  WITH agency_cases AS (
    SELECT c.request_type,
           c.stage,
           p.case_id IS NOT NULL AS permitted,
           (SELECT COALESCE(SUM(
                     CASE WHEN c.request_type = 'PURCHASE' AND jsonb_typeof(v -> 'count') = 'number'
                          THEN floor((v ->> 'count')::numeric)::int
                          ELSE 1 END), 0)
              FROM jsonb_array_elements(c.vehicles) AS v) AS vehicles
      FROM cases c
      LEFT JOIN permit_numbers p ON p.case_id = c.id
     WHERE c.agency_id = $1
       AND c.request_type IN ('SCRAP', 'PURCHASE')
  )
  SELECT COALESCE(SUM(vehicles) FILTER (WHERE request_type = 'SCRAP' AND permitted), 0)::int
           AS retired,
         COALESCE(SUM(vehicles) FILTER (WHERE request_type = 'PURCHASE' AND permitted), 0)::int
           AS bought,
         COALESCE(SUM(vehicles) FILTER (WHERE request_type = 'PURCHASE' AND NOT permitted
                                          AND stage <> ALL($2::text[])), 0)::int
           AS pending
    FROM agency_cases`;

/** Roles that see every agency's balance; anyone else the guard let in is a clerk. */
export const BALANCE_READERS = ['REVIEWER', 'SECRETARY', 'OPERATOR'] as const;

/** The directorate readers see every agency; a clerk only their own (roles combine). */
export function canSeeBalance(principal: Principal, agencyId: string): boolean {
  if (hasRole(principal, ...BALANCE_READERS)) return true;
  return hasRole(principal, 'CLERK') && principal.agencyId === agencyId;
}

/**
 * The purchase balance of docs/domain.md §5.4: budget rules have allowed an agency to buy only as many
 * vehicles as it has retired through this commission. The numbers are shown to the reviewer;
 * the rule itself is not enforced here (it changes with the budget law).
 */
@Injectable()
export class VehicleBalanceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async balanceOf(principal: Principal, agencyId: string): Promise<VehicleBalanceDto> {
    // Another agency's clerk learns nothing, not even that the agency exists.
    if (!canSeeBalance(principal, agencyId)) throw new AppError('AGENCY.NOT_FOUND');
    const asOf = new Date();
    const agency: unknown[] = await this.dataSource.query('SELECT 1 FROM agencies WHERE id = $1', [
      agencyId,
    ]);
    if (agency.length === 0) throw new AppError('AGENCY.NOT_FOUND');
    const [row]: { retired: number; bought: number; pending: number }[] =
      await this.dataSource.query(BALANCE_SQL, [agencyId, UNDECIDED_EXCLUDED]);
    return {
      agencyId,
      retired: row.retired,
      bought: row.bought,
      balance: row.retired - row.bought,
      pendingPurchaseVehicles: row.pending,
      asOf: asOf.toISOString(),
      asOfJalali: formatJalali(asOf),
    };
  }
}
