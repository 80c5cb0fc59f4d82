import {
  formatJalaliDate,
  jalaliDateOf,
  LocalZone,
  parseJalaliDate,
  startOfLocalDayMs,
  ServiceLevelClockError,
} from './calendar';

/** Stage targets, in working days (docs/domain.md §3.1). */
export interface ServiceLevelTargets {
  readonly documentReview: number;
  readonly scheduling: number;
  readonly decisionRecording: number;
  /** Each member's approval of the minutes. */
  readonly minutesApproval: number;
  /** The whole case, counted on the directorate's clock only. */
  readonly wholeCase: number;
}

/**
 * A version of the service-level targets. Versions carry an effective date because the agreement
 * has a term and is amended; a case keeps the policy in force when it was registered.
 */
export interface ServiceLevelPolicy {
  readonly version: string;
  /** Jalali 'YYYY/MM/DD': in force from that local day on. */
  readonly effectiveFrom: string;
  readonly targets: ServiceLevelTargets;
  /** Working days the agency has to answer a request for corrections. */
  readonly correctionWindow: number;
  /** How many working days before a stage's deadline its reminder goes out. */
  readonly reminderBeforeWorkingDays: number;
}

/**
 * The defaults docs/domain.md §3.1 gives, for the directorate to edit. It reaches back to 1400/01/01,
 * before the published agreement's term ended (1400/12/29, "and until amended or replaced"), so
 * that every case the system can hold finds a policy until a newer version supersedes it.
 */
export const DEFAULT_SERVICE_LEVEL_POLICY: ServiceLevelPolicy = {
  version: '1',
  effectiveFrom: '1400/01/01',
  targets: {
    documentReview: 5,
    scheduling: 10,
    decisionRecording: 2,
    minutesApproval: 3,
    wholeCase: 30,
  },
  correctionWindow: 10,
  reminderBeforeWorkingDays: 1,
};

/** Throws a ServiceLevelClockError naming the first problem with the policy. */
export function validateServiceLevelPolicy(policy: ServiceLevelPolicy): void {
  const where = `Service-level policy "${policy.version}"`;
  if (policy.version.trim() === '') {
    throw new ServiceLevelClockError('A service-level policy needs a non-empty version');
  }
  parseJalaliDate(policy.effectiveFrom);
  const { targets } = policy;
  const periods: [string, number][] = [
    ['targets.documentReview', targets.documentReview],
    ['targets.scheduling', targets.scheduling],
    ['targets.decisionRecording', targets.decisionRecording],
    ['targets.minutesApproval', targets.minutesApproval],
    ['targets.wholeCase', targets.wholeCase],
    ['correctionWindow', policy.correctionWindow],
  ];
  for (const [name, days] of periods) {
    if (!Number.isFinite(days) || days <= 0) {
      throw new ServiceLevelClockError(`${where}: ${name} must be a positive number of days`);
    }
  }
  const reminder = policy.reminderBeforeWorkingDays;
  if (!Number.isFinite(reminder) || reminder < 0) {
    throw new ServiceLevelClockError(
      `${where}: reminderBeforeWorkingDays must be a non-negative number of days`,
    );
  }
}

/**
 * The policy whose effectiveFrom is the latest local Jalali date not after the instant's own
 * local date. Two versions sharing an effective date (or a version name) would make the choice
 * arbitrary, so that is refused rather than resolved by list order.
 */
export function policyInForce(
  policies: readonly ServiceLevelPolicy[],
  atMs: number,
  zone: LocalZone,
): ServiceLevelPolicy {
  if (!Number.isFinite(atMs)) {
    throw new ServiceLevelClockError(`atMs must be a finite epoch-millisecond instant: ${atMs}`);
  }
  const versions = new Set<string>();
  const effectiveDates = new Map<number, string>();
  let chosen: { policy: ServiceLevelPolicy; effectiveMs: number } | undefined;
  for (const policy of policies) {
    validateServiceLevelPolicy(policy);
    if (versions.has(policy.version)) {
      throw new ServiceLevelClockError(
        `Service-level policy version "${policy.version}" is defined twice`,
      );
    }
    versions.add(policy.version);
    // A policy's local day begins at this instant, so comparing instants compares local dates.
    const effectiveMs = startOfLocalDayMs(policy.effectiveFrom, zone);
    const clash = effectiveDates.get(effectiveMs);
    if (clash !== undefined) {
      throw new ServiceLevelClockError(
        `Service-level policies "${clash}" and "${policy.version}" are both effective from ` +
          `${policy.effectiveFrom}`,
      );
    }
    effectiveDates.set(effectiveMs, policy.version);
    if (effectiveMs <= atMs && (!chosen || effectiveMs > chosen.effectiveMs)) {
      chosen = { policy, effectiveMs };
    }
  }
  if (!chosen) {
    throw new ServiceLevelClockError(
      `No service-level policy is in force on ${formatJalaliDate(jalaliDateOf(atMs, zone))}: ` +
        (policies.length === 0 ? 'none is defined' : 'every version takes effect later'),
    );
  }
  return chosen.policy;
}
