import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  Client,
  WorkflowNotFoundError,
  type WorkflowExecutionDescription,
} from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Repository } from 'typeorm';
import { actorOf, type Principal } from '../common/access/principal';
import { CaseRecordEntity } from '../cases/entities/case-record.entity';
import { AppError } from '../common/errors/app-error';
import { formatJalali } from '../common/jalali';
import { APP_CONFIG } from '../config/config.module';
import { type AppConfig, requireAuthSecret } from '../config/configuration';
import { TEMPORAL_CLIENT } from '../temporal/temporal.tokens';
import { executeAction, queryWorkflow } from '../temporal/workflow-actions';
import {
  cancelCaseUpdate,
  caseWorkflowId,
  getCaseStateQuery,
} from '../../workflows/case/case.messages';
import type { CaseView, WaitingOn } from '../../workflows/case/case.types';
import {
  AGENCY_ID,
  CASE_STAGE,
  REQUEST_TYPE,
  SLA_BREACHED,
} from '../../workflows/common/search-attributes';
import { checkBulkToken, issueBulkToken } from './bulk-token';
import {
  BULK_MAX,
  type BulkActionRequestDto,
  type BulkDryRunDto,
  type BulkDryRunRequestDto,
  type BulkItemResultDto,
  type BulkResultDto,
  type CaseWorkflowFilterDto,
  type CountWorkflowsQueryDto,
  type Diagnosis,
  type HistoryDto,
  type LastErrorDto,
  type ListWorkflowsQueryDto,
  type PendingActivityDto,
  type PendingDto,
  type RetryResultDto,
  type StuckDeadlineDto,
  type StuckDto,
  type TerminateResultDto,
  type WorkflowCountDto,
  type WorkflowListDto,
  type WorkflowSummaryDto,
} from './dto/operations.dto';
import { eventTypeName, HistoryReader, timestampToIso } from './history-reader';
import { planReset } from './reset-point';
import { caseVisibilityQuery, type CaseWorkflowFilter } from './visibility-query';

type RawEvent = temporal.api.history.v1.IHistoryEvent;

/** A workflow task scheduled this long without a worker picking it up: no worker polls. */
const NO_WORKER_AFTER_MS = 60_000;
/** Who is a person (or people) a case can wait on, as opposed to the system or nobody. */
const PEOPLE: readonly WaitingOn[] = ['REVIEWER', 'AGENCY', 'SECRETARY', 'MEMBERS'];

const SUMMARIES: Record<Diagnosis, { fa: string; en: string }> = {
  CLOSED: { fa: 'گردش کار این درخواست پایان یافته است.', en: 'The case’s workflow has ended.' },
  WORKFLOW_TASK_FAILING: {
    fa: 'کد گردش کار روی این درخواست خطا می‌دهد (وظیفه گردش کار پیاپی شکست می‌خورد).',
    en: 'The workflow code fails on this case (its workflow task keeps failing).',
  },
  ACTIVITY_FAILING: {
    fa: 'یک فعالیت (مثلاً نوشتن در پایگاه داده) پیاپی شکست می‌خورد و دوباره تلاش می‌شود.',
    en: 'An activity (e.g. a database write) keeps failing and is being retried.',
  },
  NO_WORKER: {
    fa: 'هیچ کارگزاری (worker) به این گردش کار پاسخ نمی‌دهد.',
    en: 'No worker is answering for this workflow.',
  },
  WAITING_PAST_DEADLINE: {
    fa: 'درخواست منتظر اقدام یک نقش است و مهلت آن گذشته است.',
    en: 'The case waits on someone and their deadline has passed.',
  },
  WAITING_ON_PERSON: {
    fa: 'درخواست منتظر اقدام یک نقش است و هنوز در مهلت است.',
    en: 'The case waits on someone, within the deadline.',
  },
  WAITING_ON_SYSTEM: {
    fa: 'درخواست منتظر گام بعدی سامانه است.',
    en: 'The case waits on the system’s next step.',
  },
};

/**
 * The operators' console over Temporal (docs/domain.md §7): visibility lists and counts, a case's
 * history as lines, pending work, "why is it stuck", and the actions retry (a safe reset),
 * terminate and bulk cancel behind a dry run. Decoded data is answered, never logged.
 */
@Injectable()
export class OperationsService {
  private readonly logger = new Logger(OperationsService.name);
  private readonly reader: HistoryReader;
  private readonly secret: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @InjectRepository(CaseRecordEntity) private readonly cases: Repository<CaseRecordEntity>,
  ) {
    this.reader = new HistoryReader(temporal.options.loadedDataConverter);
    this.secret = requireAuthSecret(config);
  }

  private query(filter: CaseWorkflowFilter): string {
    return caseVisibilityQuery(this.config.temporal.taskQueue, filter);
  }

  async list(q: ListWorkflowsQueryDto): Promise<WorkflowListDto> {
    const limit = q.limit ?? 50;
    const query = this.query(q);
    const items: WorkflowSummaryDto[] = [];
    let truncated = false;
    await this.visibility(async () => {
      for await (const info of this.temporal.workflow.list({ query, pageSize: limit + 1 })) {
        if (items.length === limit) {
          truncated = true;
          break;
        }
        const closed = info.closeTime?.toISOString() ?? null;
        items.push({
          workflowId: info.workflowId,
          caseId: info.workflowId.replace(/^case-/, ''),
          runId: info.runId,
          status: info.status.name,
          stage: info.typedSearchAttributes.get(CASE_STAGE) ?? null,
          requestType: info.typedSearchAttributes.get(REQUEST_TYPE) ?? null,
          agencyId: info.typedSearchAttributes.get(AGENCY_ID) ?? null,
          breached: info.typedSearchAttributes.get(SLA_BREACHED) ?? null,
          startedAt: info.startTime.toISOString(),
          startedAtJalali: formatJalali(info.startTime),
          closedAt: closed,
          closedAtJalali: closed && formatJalali(closed),
          historyLength: info.historyLength,
        });
      }
    });
    return { items, query, truncated };
  }

  async count(q: CountWorkflowsQueryDto): Promise<WorkflowCountDto> {
    const query = this.query(q);
    const { count } = await this.visibility(() => this.temporal.workflow.count(query));
    return { count, query };
  }

  async history(caseId: string, withPayloads: boolean): Promise<HistoryDto> {
    const description = await this.describe(caseId);
    const events = await this.events(description.workflowId, description.runId);
    return {
      workflowId: description.workflowId,
      runId: description.runId,
      events: await this.reader.lines(events, withPayloads),
    };
  }

  async pending(caseId: string): Promise<PendingDto> {
    const description = await this.describe(caseId);
    return this.pendingOf(description);
  }

  async stuck(caseId: string): Promise<StuckDto> {
    const workflowId = caseWorkflowId(caseId);
    const description = await this.describe(caseId);
    const [pending, record, live, events] = await Promise.all([
      this.pendingOf(description),
      this.cases.findOneBy({ id: caseId }),
      description.status.name === 'RUNNING'
        ? queryWorkflow(this.temporal, workflowId, getCaseStateQuery)
        : Promise.resolve('unavailable' as const),
      this.events(workflowId, description.runId),
    ]);
    const view: CaseView | undefined = typeof live === 'object' ? live : undefined;
    const now = Date.now();
    const deadlines: StuckDeadlineDto[] = (view?.deadlines ?? []).map((d) => ({
      target: d.target,
      stage: d.stage,
      dueAt: d.dueAt,
      dueAtJalali: formatJalali(d.dueAt),
      overdue: Date.parse(d.dueAt) <= now,
      breachedAt: d.breachedAt ?? null,
    }));
    const upcoming = deadlines
      .filter((d) => !d.breachedAt)
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    const overdue = deadlines.filter((d) => d.overdue);
    if (!view && record?.nextDeadlineAt) {
      const dueAt = record.nextDeadlineAt.toISOString();
      upcoming.push({
        target: 'next',
        stage: record.stage,
        dueAt,
        dueAtJalali: formatJalali(dueAt),
        overdue: Date.parse(dueAt) <= now,
        breachedAt: null,
      });
    }
    const stage = view?.stage ?? record?.stage ?? null;
    const waitingOn = view?.waitingOn ?? record?.waitingOn ?? null;
    const since = view?.stageSince ?? record?.stageSince.toISOString() ?? null;
    const lastError = await this.lastError(pending, events);
    const failingActivity = pending.pendingActivities.some(
      (a) => a.attempt > 1 || a.lastFailure !== null,
    );
    const wft = pending.pendingWorkflowTask;
    const wftScheduledMs = wft?.scheduledAt ? Date.parse(wft.scheduledAt) : undefined;
    let diagnosis: Diagnosis;
    if (description.status.name !== 'RUNNING') diagnosis = 'CLOSED';
    else if (wft && wft.attempt > 1) diagnosis = 'WORKFLOW_TASK_FAILING';
    else if (failingActivity) diagnosis = 'ACTIVITY_FAILING';
    else if (
      (wft?.state === 'SCHEDULED' &&
        wftScheduledMs !== undefined &&
        now - wftScheduledMs > NO_WORKER_AFTER_MS) ||
      live === 'unavailable'
    )
      diagnosis = 'NO_WORKER';
    else if (waitingOn && PEOPLE.includes(waitingOn))
      diagnosis =
        overdue.length > 0 || (view?.breaches.length ?? 0) > 0
          ? 'WAITING_PAST_DEADLINE'
          : 'WAITING_ON_PERSON';
    else diagnosis = 'WAITING_ON_SYSTEM';
    return {
      caseId,
      workflowId,
      runId: description.runId,
      status: description.status.name,
      diagnosis,
      summary: SUMMARIES[diagnosis],
      stage,
      waitingOn,
      since,
      sinceJalali: since && formatJalali(since),
      nextDeadline: upcoming[0] ?? null,
      overdueDeadlines: overdue,
      liveAnswered: view !== undefined,
      readModel: record
        ? {
            stage: record.stage,
            waitingOn: record.waitingOn,
            stageSince: record.stageSince.toISOString(),
            nextDeadlineAt: record.nextDeadlineAt?.toISOString() ?? null,
            slaBreached: record.slaBreached,
          }
        : null,
      lastError,
      pendingActivities: pending.pendingActivities,
    };
  }

  /**
   * Retry a failed step: reset the case workflow to its last completed workflow task, when that
   * is safe (src/operations/reset-point.ts) and something is failing. The old run is terminated
   * by the reset; the new run re-runs that task, so its activities start again at attempt 1.
   */
  async retry(principal: Principal, caseId: string, reason: string): Promise<RetryResultDto> {
    const description = await this.describe(caseId);
    if (description.status.name !== 'RUNNING') throw new AppError('OPERATIONS.WORKFLOW_CLOSED');
    const events = await this.events(description.workflowId, description.runId);
    const refs = events.map((e) => ({
      eventId: Number(String(e.eventId)),
      type: eventTypeName(e.eventType),
    }));
    const pending = await this.pendingOf(description);
    const failing =
      pending.pendingActivities.some((a) => a.attempt > 1 || a.lastFailure !== null) ||
      (pending.pendingWorkflowTask?.attempt ?? 0) > 1;
    if (!failing) throw new AppError('OPERATIONS.NOTHING_TO_RETRY');
    const plan = planReset(refs);
    if (!plan.ok) {
      const details =
        plan.reason === 'events-after-point'
          ? plan.blocking.slice(0, 10).map((e) => ({
              field: `events[${e.eventId}]`,
              code: e.type,
              message: {
                fa: `رویداد ${e.type} پس از آخرین گام کامل`,
                en: `${e.type} after the last completed workflow task`,
              },
            }))
          : [];
      throw new AppError('OPERATIONS.RESET_UNSAFE', details);
    }
    const sealed = await this.reader.seal(reason);
    // The history may have moved on while it was checked (the activity succeeded, an update
    // landed): a reset now would lose that. Look again just before resetting.
    const again = await this.describe(caseId);
    if (again.runId !== description.runId || again.historyLength !== events.length) {
      throw new AppError('OPERATIONS.RESET_UNSAFE', [
        {
          field: 'history',
          code: 'changed',
          message: {
            fa: 'تاریخچه پرونده هنگام بررسی تغییر کرد؛ دوباره بررسی کنید.',
            en: 'The case’s history changed while it was checked; look again.',
          },
        },
      ]);
    }
    type ResetRequest = temporal.api.workflowservice.v1.IResetWorkflowExecutionRequest;
    const response: temporal.api.workflowservice.v1.IResetWorkflowExecutionResponse =
      await this.temporal.workflowService.resetWorkflowExecution({
        namespace: this.config.temporal.namespace,
        workflowExecution: { workflowId: description.workflowId, runId: description.runId },
        // Temporal keeps this text in plain: the operator's words go sealed (encrypted) in it.
        reason: `retry by operator ${principal.userId}; ${sealed}`,
        // protobufjs writes an int64 from a plain number as well as from a Long.
        workflowTaskFinishEventId: plan.workflowTaskFinishEventId as unknown as NonNullable<
          ResetRequest['workflowTaskFinishEventId']
        >,
        requestId: randomUUID(),
      });
    this.logger.log(
      {
        workflowId: description.workflowId,
        resetTo: plan.workflowTaskFinishEventId,
        by: principal.userId,
      },
      'case workflow reset to retry a failed step',
    );
    return {
      workflowId: description.workflowId,
      previousRunId: description.runId,
      runId: response.runId ?? '',
      resetToEventId: plan.workflowTaskFinishEventId,
      retriedActivities: pending.pendingActivities.map((a) => a.activityType),
    };
  }

  /**
   * Ends the workflow at once, without its own clean-up: the read model keeps the last stage it
   * recorded. For a workflow that cannot go on (a bug); a case to be stopped is cancelled instead.
   */
  async terminate(
    principal: Principal,
    caseId: string,
    reason: string,
  ): Promise<TerminateResultDto> {
    const description = await this.describe(caseId);
    if (description.status.name !== 'RUNNING') throw new AppError('OPERATIONS.WORKFLOW_CLOSED');
    const handle = this.temporal.workflow.getHandle(description.workflowId, description.runId);
    await handle.terminate(
      `terminated by operator ${principal.userId}; ${await this.reader.seal(reason)}`,
    );
    this.logger.log(
      { workflowId: description.workflowId, by: principal.userId },
      'case workflow terminated',
    );
    const after = await handle.describe();
    return { workflowId: after.workflowId, runId: after.runId, status: after.status.name };
  }

  /** The running case workflows a bulk action would touch, and a token binding exactly them. */
  async dryRun(principal: Principal, body: BulkDryRunRequestDto): Promise<BulkDryRunDto> {
    const query = this.bulkQuery(body.filter);
    const workflowIds = await this.selection(query);
    const { token, expiresAt } = issueBulkToken(this.secret, {
      userId: principal.userId,
      action: body.action,
      query,
      workflowIds,
    });
    return {
      action: body.action,
      query,
      count: workflowIds.length,
      workflowIds,
      token,
      expiresAt,
      expiresAtJalali: formatJalali(expiresAt),
    };
  }

  /**
   * The bulk action itself: runs the same query again and acts only if it finds exactly the set
   * the dry run's token binds. Cancelling goes through each case's own cancel update (the
   * operator's reason on its timeline, the agency told, the read model kept), never a raw
   * workflow cancellation, which the case workflow does not handle.
   */
  async bulk(principal: Principal, body: BulkActionRequestDto): Promise<BulkResultDto> {
    const query = this.bulkQuery(body.filter);
    const workflowIds = await this.selection(query);
    const verdict = checkBulkToken(this.secret, body.token, {
      userId: principal.userId,
      action: body.action,
      query,
      workflowIds,
    });
    if (verdict === 'expired') throw new AppError('OPERATIONS.BULK_TOKEN_EXPIRED');
    if (verdict !== 'ok') throw new AppError('OPERATIONS.BULK_SET_CHANGED');
    const items: BulkItemResultDto[] = [];
    for (const workflowId of workflowIds) {
      try {
        await executeAction(
          this.temporal,
          workflowId,
          cancelCaseUpdate,
          { actor: actorOf(principal), reason: body.reason },
          { notFound: 'CASE.NOT_FOUND', updateId: `bulk-cancel:${body.token}:${workflowId}` },
        );
        items.push({ workflowId, outcome: 'DONE' });
      } catch (error) {
        const code = error instanceof AppError ? error.code : 'SERVICE.INTERNAL';
        items.push({
          workflowId,
          outcome: error instanceof AppError && error.status === 409 ? 'REFUSED' : 'FAILED',
          code,
        });
      }
    }
    this.logger.log(
      {
        action: body.action,
        count: workflowIds.length,
        done: items.filter((i) => i.outcome === 'DONE').length,
        by: principal.userId,
      },
      'bulk action on case workflows',
    );
    return {
      action: body.action,
      count: workflowIds.length,
      done: items.filter((i) => i.outcome === 'DONE').length,
      items,
    };
  }

  private bulkQuery(filter: CaseWorkflowFilterDto): string {
    const given = (['stage', 'requestType', 'agencyId', 'breached'] as const).filter(
      (k) => filter[k] !== undefined,
    );
    if (given.length === 0) {
      throw new AppError('REQUEST.VALIDATION_FAILED', [
        {
          field: 'filter',
          code: 'filterRequired',
          message: {
            fa: 'عملیات گروهی دست‌کم یک فیلتر لازم دارد.',
            en: 'A bulk action needs at least one filter.',
          },
        },
      ]);
    }
    return this.query({ ...filter, status: 'running' });
  }

  private async selection(query: string): Promise<string[]> {
    const ids: string[] = [];
    await this.visibility(async () => {
      for await (const info of this.temporal.workflow.list({ query, pageSize: 200 })) {
        ids.push(info.workflowId);
        if (ids.length > BULK_MAX) throw new AppError('OPERATIONS.BULK_TOO_LARGE');
      }
    });
    return [...new Set(ids)].sort();
  }

  private async visibility<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError) throw error;
      this.logger.error({ err: error }, 'visibility query failed');
      throw new AppError('SERVICE.WORKFLOW_UNAVAILABLE');
    }
  }

  /** The case's workflow (its latest run), or CASE.NOT_FOUND. */
  private async describe(caseId: string): Promise<WorkflowExecutionDescription> {
    try {
      const description = await this.temporal.workflow.getHandle(caseWorkflowId(caseId)).describe();
      // Only this service's case workflows: the same id in another task queue is not ours.
      if (
        description.type !== 'caseWorkflow' ||
        description.taskQueue !== this.config.temporal.taskQueue
      )
        throw new AppError('CASE.NOT_FOUND');
      return description;
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof WorkflowNotFoundError) throw new AppError('CASE.NOT_FOUND');
      this.logger.error({ err: error }, 'describe failed');
      throw new AppError('SERVICE.WORKFLOW_UNAVAILABLE');
    }
  }

  private async events(workflowId: string, runId: string): Promise<RawEvent[]> {
    try {
      const history = await this.temporal.workflow.getHandle(workflowId, runId).fetchHistory();
      return history.events ?? [];
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new AppError('CASE.NOT_FOUND');
      this.logger.error({ err: error }, 'fetching a history failed');
      throw new AppError('SERVICE.WORKFLOW_UNAVAILABLE');
    }
  }

  private async pendingOf(description: WorkflowExecutionDescription): Promise<PendingDto> {
    const raw = description.raw;
    const activities: PendingActivityDto[] = [];
    for (const a of raw.pendingActivities ?? []) {
      const next = timestampToIso(a.nextAttemptScheduleTime) ?? null;
      activities.push({
        activityId: a.activityId ?? '',
        activityType: a.activityType?.name ?? '',
        state: (temporal.api.enums.v1.PendingActivityState[a.state ?? 0] ?? 'UNSPECIFIED').replace(
          /^PENDING_ACTIVITY_STATE_/,
          '',
        ),
        attempt: a.attempt ?? 1,
        maximumAttempts: a.maximumAttempts ?? null,
        scheduledAt: timestampToIso(a.scheduledTime) ?? null,
        lastStartedAt: timestampToIso(a.lastStartedTime) ?? null,
        nextAttemptAt: next,
        nextAttemptAtJalali: next && formatJalali(next),
        lastFailure: (await this.reader.failure(a.lastFailure)) ?? null,
        lastWorker: a.lastWorkerIdentity || null,
      });
    }
    const wft = raw.pendingWorkflowTask;
    return {
      workflowId: description.workflowId,
      runId: description.runId,
      status: description.status.name,
      historyLength: description.historyLength,
      pendingActivities: activities,
      pendingWorkflowTask: wft
        ? {
            state: (
              temporal.api.enums.v1.PendingWorkflowTaskState[wft.state ?? 0] ?? 'UNSPECIFIED'
            ).replace(/^PENDING_WORKFLOW_TASK_STATE_/, ''),
            attempt: wft.attempt ?? 1,
            scheduledAt: timestampToIso(wft.scheduledTime) ?? null,
            startedAt: timestampToIso(wft.startedTime) ?? null,
          }
        : null,
    };
  }

  /** The pending activity's last failure, else the last failure the history holds. */
  private async lastError(pending: PendingDto, events: RawEvent[]): Promise<LastErrorDto | null> {
    const failing = pending.pendingActivities.find((a) => a.lastFailure);
    if (failing?.lastFailure) {
      return {
        source: 'pending-activity',
        activityType: failing.activityType,
        attempt: failing.attempt,
        eventType: null,
        at: failing.lastStartedAt,
        atJalali: failing.lastStartedAt && formatJalali(failing.lastStartedAt),
        failure: failing.lastFailure,
      };
    }
    const failureTypes = new Set([
      'ACTIVITY_TASK_FAILED',
      'ACTIVITY_TASK_TIMED_OUT',
      'WORKFLOW_TASK_FAILED',
      'WORKFLOW_EXECUTION_FAILED',
    ]);
    for (let i = events.length - 1; i >= 0; i--) {
      if (!failureTypes.has(eventTypeName(events[i].eventType))) continue;
      const [line] = await this.reader.lines([events[i]], false);
      // A reset writes a WORKFLOW_TASK_FAILED of its own: an operator's act, not an error.
      if (!line.failure || line.reason === 'RESET_WORKFLOW') continue;
      // Name the activity from its scheduled event.
      const scheduledId = Number(
        String(
          events[i].activityTaskFailedEventAttributes?.scheduledEventId ??
            events[i].activityTaskTimedOutEventAttributes?.scheduledEventId ??
            -1,
        ),
      );
      const scheduled = events.find((e) => Number(String(e.eventId)) === scheduledId);
      return {
        source: 'history',
        activityType: scheduled?.activityTaskScheduledEventAttributes?.activityType?.name ?? null,
        attempt: null,
        eventType: line.type,
        at: line.at,
        atJalali: line.atJalali,
        failure: line.failure,
      };
    }
    return null;
  }
}
