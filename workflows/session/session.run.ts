import {
  ActivityFailure,
  ApplicationFailure,
  log,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  CaseMessagingActivities,
  CaseUpdateName,
} from '../../activities/case-messaging.activities';
import type {
  NotificationActivities,
  NotificationIntent,
} from '../../activities/notification.activities';
import type { SessionActivities } from '../../activities/session.activities';
import { EVENTUAL_WRITES } from '../common/activity-options';
import { SYSTEM_ACTOR } from '../common/actors';
import type {
  Breach,
  FinalizeCaseDecisionInput,
  RecordCaseDecisionInput,
  ScheduleCaseInput,
  StageDeadline,
  UnscheduleCaseInput,
} from '../case/case.types';
import { addWorkingDays } from '../common/sla/calendar';
import type { ServiceLevelPolicy } from '../common/sla/policy';
import type { WorkingCalendar } from '../common/sla/calendar';
import { eligibleApprovers, quorumHolds, secretaryOf } from './session.rules';
import type { SessionInput, SessionState, SessionView } from './session.types';

/** The read model, notifications and messages the session owes its cases: they must happen. */
export const durable = proxyActivities<
  CaseMessagingActivities & NotificationActivities & SessionActivities
>(EVENTUAL_WRITES);

/**
 * Scheduling a case and recording its decision answer a secretary who is waiting. A case's
 * refusal (including CASE.NOT_FOUND for an unknown or ended case) is non-retryable and comes
 * back at once, and only a refusal rolls the session's change back; anything else (the case's
 * worker or database briefly down) is retried until the case answers, because giving up could
 * roll back a change the case has in fact accepted.
 */
export const interactive = proxyActivities<CaseMessagingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

export const now = () => new Date().toISOString(); // workflow time: deterministic under replay

export type CaseMessage =
  | { update: 'scheduleCase'; input: ScheduleCaseInput }
  | { update: 'unscheduleCase'; input: UnscheduleCaseInput }
  | { update: 'recordCaseDecision'; input: RecordCaseDecisionInput }
  | { update: 'finalizeCaseDecision'; input: FinalizeCaseDecisionInput };

const SLUGS: Record<CaseUpdateName, string> = {
  scheduleCase: 'schedule',
  unscheduleCase: 'unschedule',
  recordCaseDecision: 'decision',
  finalizeCaseDecision: 'finalize',
};

/**
 * One run of a commission session workflow: the session's state and what its handlers share —
 * messages to its cases (in order, with stable ids), notifications, deadlines and their timers,
 * and closing the minutes once the quorum holds. The handlers are in session.handlers.ts.
 */
export class SessionRun {
  readonly state: SessionState;
  /** Bumped on every change: the main loop wakes on it and snapshots carry it. */
  version = 1;
  /** The cases' results being delivered once the minutes are final; the workflow awaits it. */
  finalization: Promise<unknown> | undefined;
  private readonly workflowId: string;
  readonly policy: ServiceLevelPolicy;
  private readonly calendar: WorkingCalendar;
  // Deterministic sequence numbers make the ids of messages and notifications stable under
  // replay and unique within the session: `${workflowId}/schedule/${caseId}/2`.
  private readonly sequences = new Map<string, number>();
  /**
   * Messages to one case are delivered one after the other, in the order the session decided
   * them (schedule before unschedule, a decision before its finalisation), whatever order
   * concurrent handlers reach their awaits in.
   */
  private readonly caseQueues = new Map<string, Promise<unknown>>();
  /** Each deadline's identity, for the idempotency keys of its reminder and escalation. */
  private readonly deadlineKeys = new Map<StageDeadline, string>();

  constructor(input: SessionInput) {
    this.workflowId = workflowInfo().workflowId;
    this.policy = input.serviceLevel.policy;
    this.calendar = input.serviceLevel.calendar;
    this.state = {
      sessionId: input.sessionId,
      stage: 'PLANNED',
      stageSince: now(),
      sessionAt: input.sessionAt,
      place: input.place,
      members: input.members.map((member) => ({ userId: member.userId, role: member.role })),
      quorum: input.quorum,
      agenda: [],
      pastMinutesRounds: [],
      deadlines: [],
      breaches: [],
    };
  }

  changed(): void {
    this.version++;
  }

  view(): SessionView {
    return this.state;
  }

  persist(): Promise<void> {
    return durable.recordSessionState({ ...this.state, version: this.version });
  }

  isOver(): boolean {
    return this.state.stage === 'CLOSED' || this.state.stage === 'CANCELLED';
  }

  secretaryId(): string {
    return secretaryOf(this.state.members)!.userId;
  }

  next(name: string): number {
    const n = (this.sequences.get(name) ?? 0) + 1;
    this.sequences.set(name, n);
    return n;
  }

  // ---- messages to cases --------------------------------------------------------------------

  inCaseOrder<T>(caseId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.caseQueues.get(caseId) ?? Promise.resolve();
    const result = previous.then(work);
    this.caseQueues.set(
      caseId,
      result.catch(() => undefined),
    );
    return result;
  }

  /** The update id is fixed when the session decides to send, so a retry applies once. */
  messageId(caseId: string, update: CaseUpdateName): string {
    const slug = SLUGS[update];
    return `${this.workflowId}/${slug}/${caseId}/${this.next(`${slug}/${caseId}`)}`;
  }

  deliver(proxy: typeof interactive, caseId: string, updateId: string, message: CaseMessage) {
    return proxy.deliverToCase({ caseId, update: message.update, input: message.input, updateId });
  }

  /**
   * For messages whose refusal does not undo the session's action (the case has left, or
   * never got the earlier message): the refusal is logged and the session carries on.
   */
  async deliverTolerating(caseId: string, updateId: string, message: CaseMessage) {
    try {
      await this.deliver(durable, caseId, updateId, message);
      return true;
    } catch (error) {
      log.warn('a case refused a message from its session', {
        caseId,
        update: message.update,
        refusal: caseRefusal(error)?.type ?? String(error),
      });
      return false;
    }
  }

  // ---- notifications and deadlines ----------------------------------------------------------

  notify(
    key: string,
    event: string,
    recipient: NotificationIntent['recipient'],
    data: Record<string, unknown> = {},
  ): Promise<void> {
    return durable.recordNotificationIntent({
      key: `${this.workflowId}/${key}`,
      sessionId: this.state.sessionId,
      event,
      recipient,
      data: { sessionAt: this.state.sessionAt, ...data },
      at: now(),
    });
  }

  addDeadline(
    key: string,
    deadline: Pick<StageDeadline, 'target' | 'stage' | 'userId'>,
    days: number,
  ): void {
    const { policy, calendar } = this;
    const startMs = Date.now();
    const before = policy.reminderBeforeWorkingDays;
    const added: StageDeadline = {
      ...deadline,
      dueAt: new Date(addWorkingDays(startMs, days, calendar)).toISOString(),
      // No reminder when it would fall at the start (or at the deadline itself).
      remindAt:
        before > 0 && before < days
          ? new Date(addWorkingDays(startMs, days - before, calendar)).toISOString()
          : undefined,
    };
    if (added.remindAt === undefined) delete added.remindAt;
    if (added.userId === undefined) delete added.userId;
    this.state.deadlines.push(added);
    this.deadlineKeys.set(added, key);
  }

  dropDeadlines(which: (deadline: StageDeadline) => boolean): void {
    this.state.deadlines = this.state.deadlines.filter((deadline) => !which(deadline));
  }

  /** The next instant a reminder or an escalation is due. */
  nextTimerMs(): number | undefined {
    const instants = this.state.deadlines.flatMap((deadline) => [
      ...(deadline.remindAt && !deadline.remindedAt ? [Date.parse(deadline.remindAt)] : []),
      ...(!deadline.breachedAt ? [Date.parse(deadline.dueAt)] : []),
    ]);
    return instants.length > 0 ? Math.min(...instants) : undefined;
  }

  /**
   * Reminders go to whoever must act; escalations for the decisions go to the directorate's
   * supervisor, and for a member's approval to the session's secretary.
   */
  async fireDueTimers(): Promise<void> {
    const { state } = this;
    const nowMs = Date.now();
    const effects: Promise<void>[] = [];
    for (const deadline of state.deadlines) {
      const key = this.deadlineKeys.get(deadline)!;
      const data = { target: deadline.target, dueAt: deadline.dueAt, userId: deadline.userId };
      const remindWhom = deadline.userId
        ? { userId: deadline.userId }
        : { userId: this.secretaryId(), role: 'SECRETARY' };
      if (deadline.remindAt && !deadline.remindedAt && Date.parse(deadline.remindAt) <= nowMs) {
        deadline.remindedAt = new Date(nowMs).toISOString();
        effects.push(this.notify(`reminder/${key}`, 'SESSION_DEADLINE_REMINDER', remindWhom, data));
      }
      if (!deadline.breachedAt && Date.parse(deadline.dueAt) <= nowMs) {
        deadline.breachedAt = new Date(nowMs).toISOString();
        const breach: Breach = {
          target: deadline.target,
          stage: deadline.stage,
          dueAt: deadline.dueAt,
          detectedAt: deadline.breachedAt,
        };
        if (deadline.userId) breach.userId = deadline.userId;
        state.breaches.push(breach);
        const escalateTo = deadline.userId
          ? { userId: this.secretaryId(), role: 'SECRETARY' }
          : { role: 'SUPERVISOR' };
        effects.push(
          this.notify(`escalation/${key}`, 'SESSION_DEADLINE_ESCALATION', escalateTo, data),
        );
      }
    }
    if (effects.length === 0) return;
    this.changed();
    await Promise.all([...effects, this.persist()]);
  }

  /** Drops the approval deadlines of members who voted or are no longer asked to. */
  syncApprovalDeadlines(): void {
    const round = this.state.minutes;
    const voted = new Set(
      [...(round?.approvals ?? []), ...(round?.objections ?? [])].map((vote) => vote.userId),
    );
    const asked = new Set(eligibleApprovers(this.state));
    this.dropDeadlines(
      (deadline) =>
        deadline.target === 'minutesApproval' &&
        (!deadline.userId || voted.has(deadline.userId) || !asked.has(deadline.userId)),
    );
  }

  // ---- closing the minutes --------------------------------------------------------------------

  /**
   * Once the quorum holds the minutes are final: the stage changes at once (so no further vote
   * is accepted), then every case on them gets its result. The action that completed the quorum
   * does not wait for the cases: a case that cannot be reached must not keep a member's answer
   * waiting. The workflow waits for them before it ends.
   */
  closeIfQuorumHolds(): void {
    const { state } = this;
    if (this.finalization || !quorumHolds(state)) return;
    const at = now();
    state.stage = 'CLOSED';
    state.stageSince = at;
    state.finalizedAt = at;
    state.deadlines = [];
    this.changed();
    this.finalization = Promise.all(
      state.agenda.map(({ caseId }) => {
        const updateId = this.messageId(caseId, 'finalizeCaseDecision');
        return this.inCaseOrder(caseId, async () => {
          const message: CaseMessage = {
            update: 'finalizeCaseDecision',
            input: { actor: SYSTEM_ACTOR, sessionId: state.sessionId, minutesApprovedAt: at },
          };
          if (!(await this.deliverTolerating(caseId, updateId, message))) {
            // The minutes stay final; an operator must look at the case that refused its result.
            await this.notify(`finalize-refused/${caseId}`, 'CASE_FINALIZATION_REFUSED', {
              role: 'OPERATOR',
            });
          }
        });
      }),
    );
  }
}

/** The case's refusal, when the activity failed because the case said no. */
export function caseRefusal(error: unknown): ApplicationFailure | undefined {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) {
    return error.cause.nonRetryable ? error.cause : undefined;
  }
  return undefined;
}
