import type { LoadedDataConverter } from '@temporalio/common';
import {
  decodeArrayFromPayloads,
  decodeFromPayloadsAtIndex,
  decodeOptionalFailureToOptionalError,
  encodeToPayload,
} from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import { formatJalali } from '../common/jalali';

type Event = temporal.api.history.v1.IHistoryEvent;
type ProtoFailure = temporal.api.failure.v1.IFailure;
type Payloads = temporal.api.common.v1.IPayloads;
type Timestamp =
  { seconds?: { toString(): string } | number | null; nanos?: number | null } | null | undefined;

/** A failure as an operator reads it: message (decrypted), type, and its cause's. */
export interface ReadableFailure {
  message: string;
  type?: string;
  cause?: ReadableFailure;
}

/** One event of a workflow history, as a line an operator reads. */
export interface HistoryLine {
  eventId: number;
  /** Temporal's event type without the `EVENT_TYPE_` prefix, e.g. `ACTIVITY_TASK_FAILED`. */
  type: string;
  at: string;
  atJalali: string;
  activityType?: string;
  activityId?: string;
  attempt?: number;
  update?: string;
  signal?: string;
  timerId?: string;
  failure?: ReadableFailure;
  /** Plain text Temporal keeps (termination, reset, cancellation), sealed reasons opened. */
  reason?: string;
  /** Search attributes set by the workflow (never personal data). */
  searchAttributes?: Record<string, unknown>;
  /** Decoded payloads (inputs, results), only when asked for: they hold personal data. */
  payloads?: unknown[];
}

export const eventTypeName = (type: number | null | undefined): string =>
  (temporal.api.enums.v1.EventType[type ?? 0] ?? 'UNSPECIFIED').replace(/^EVENT_TYPE_/, '');

type Int64 = { toString(): string } | number | null | undefined;

/** An int64 of the protobuf (a Long, or a number) as a number. */
const num = (value: Int64): number | undefined =>
  value === undefined || value === null ? undefined : Number(value.toString());

export function timestampToIso(ts: Timestamp): string | undefined {
  if (!ts || ts.seconds === undefined || ts.seconds === null) return undefined;
  return new Date(
    Number(ts.seconds.toString()) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6),
  ).toISOString();
}

const SEALED = /sealed:([A-Za-z0-9+/=]+)/;

/**
 * Decodes what a case workflow's history holds, through the service's own data converter (the
 * payload encryption codec and the failure converter that moved messages into encrypted
 * attributes). Only for operators' endpoints; nothing decoded here is ever logged.
 */
export class HistoryReader {
  constructor(private readonly converter: LoadedDataConverter) {}

  async failure(failure: ProtoFailure | null | undefined): Promise<ReadableFailure | undefined> {
    if (!failure) return undefined;
    let error: Error | undefined;
    try {
      error = await decodeOptionalFailureToOptionalError(this.converter, failure);
    } catch {
      return { message: '(undecodable: no payload key for it)' };
    }
    return error ? readable(error, 3) : undefined;
  }

  async payloads(payloads: Payloads | null | undefined): Promise<unknown[]> {
    if (!payloads?.payloads?.length) return [];
    try {
      const values = await decodeArrayFromPayloads(this.converter, payloads.payloads);
      return values.map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v));
    } catch {
      return ['(undecodable: no payload key for it)'];
    }
  }

  /** Seals free text (an operator's reason) for a plain-text field of Temporal's API. */
  async seal(text: string): Promise<string> {
    const payload = await encodeToPayload(this.converter, text);
    return `sealed:${Buffer.from(temporal.api.common.v1.Payload.encode(payload).finish()).toString('base64')}`;
  }

  /** Opens a reason sealed by `seal` (in place); other text comes back unchanged. */
  async unseal(text: string | null | undefined): Promise<string | undefined> {
    if (!text) return undefined;
    const match = SEALED.exec(text);
    if (!match) return text;
    try {
      const payload = temporal.api.common.v1.Payload.decode(Buffer.from(match[1], 'base64'));
      const opened = await decodeFromPayloadsAtIndex<string>(this.converter, 0, [payload]);
      return text.replace(match[0], `«${opened}»`);
    } catch {
      return text.replace(match[0], '(sealed reason: undecodable)');
    }
  }

  /** The history as lines; `withPayloads` adds decoded inputs and results. */
  async lines(events: readonly Event[], withPayloads: boolean): Promise<HistoryLine[]> {
    const activities = new Map<number, { type?: string; id?: string }>();
    const attempts = new Map<number, number>();
    const lines: HistoryLine[] = [];
    for (const event of events) {
      const at = timestampToIso(event.eventTime) ?? new Date(0).toISOString();
      const line: HistoryLine = {
        eventId: num(event.eventId) ?? 0,
        type: eventTypeName(event.eventType),
        at,
        atJalali: formatJalali(at),
      };
      const payloads = async (p: Payloads | null | undefined) => {
        if (withPayloads) line.payloads = await this.payloads(p);
      };
      const ofActivity = (scheduledEventId: Int64, startedEventId?: Int64) => {
        const scheduled = activities.get(num(scheduledEventId) ?? -1);
        line.activityType = scheduled?.type;
        line.activityId = scheduled?.id;
        const attempt = attempts.get(num(startedEventId) ?? -1);
        if (attempt !== undefined) line.attempt = attempt;
      };
      if (event.workflowExecutionStartedEventAttributes) {
        const a = event.workflowExecutionStartedEventAttributes;
        line.attempt = a.attempt ?? undefined;
        line.searchAttributes = this.searchAttributes(a.searchAttributes?.indexedFields);
        await payloads(a.input);
      } else if (event.activityTaskScheduledEventAttributes) {
        const a = event.activityTaskScheduledEventAttributes;
        activities.set(line.eventId, {
          type: a.activityType?.name ?? undefined,
          id: a.activityId ?? undefined,
        });
        ofActivity(line.eventId);
        await payloads(a.input);
      } else if (event.activityTaskStartedEventAttributes) {
        const a = event.activityTaskStartedEventAttributes;
        attempts.set(line.eventId, a.attempt ?? 1);
        ofActivity(a.scheduledEventId, line.eventId);
        // The last failure of the attempts before this one (retried activities record it here).
        line.failure = await this.failure(a.lastFailure);
      } else if (event.activityTaskCompletedEventAttributes) {
        const a = event.activityTaskCompletedEventAttributes;
        ofActivity(a.scheduledEventId, a.startedEventId);
        await payloads(a.result);
      } else if (event.activityTaskFailedEventAttributes) {
        const a = event.activityTaskFailedEventAttributes;
        ofActivity(a.scheduledEventId, a.startedEventId);
        line.failure = await this.failure(a.failure);
      } else if (event.activityTaskTimedOutEventAttributes) {
        const a = event.activityTaskTimedOutEventAttributes;
        ofActivity(a.scheduledEventId, a.startedEventId);
        line.failure = await this.failure(a.failure);
      } else if (event.activityTaskCanceledEventAttributes) {
        ofActivity(event.activityTaskCanceledEventAttributes.scheduledEventId);
      } else if (event.workflowTaskStartedEventAttributes) {
        // Attempts of a workflow task: only the first failure is written, the attempt count here.
      } else if (event.workflowTaskFailedEventAttributes) {
        const a = event.workflowTaskFailedEventAttributes;
        line.failure = await this.failure(a.failure);
        const cause = temporal.api.enums.v1.WorkflowTaskFailedCause[a.cause ?? 0];
        if (cause) line.reason = cause.replace(/^WORKFLOW_TASK_FAILED_CAUSE_/, '');
        if (line.failure) line.failure.message = (await this.unseal(line.failure.message)) ?? '';
      } else if (event.workflowExecutionUpdateAcceptedEventAttributes) {
        const a = event.workflowExecutionUpdateAcceptedEventAttributes;
        line.update = a.acceptedRequest?.input?.name ?? undefined;
        await payloads(a.acceptedRequest?.input?.args);
      } else if (event.workflowExecutionUpdateCompletedEventAttributes) {
        const a = event.workflowExecutionUpdateCompletedEventAttributes;
        line.failure = await this.failure(a.outcome?.failure);
        await payloads(a.outcome?.success);
      } else if (event.workflowExecutionSignaledEventAttributes) {
        const a = event.workflowExecutionSignaledEventAttributes;
        line.signal = a.signalName ?? undefined;
        await payloads(a.input);
      } else if (event.timerStartedEventAttributes) {
        line.timerId = event.timerStartedEventAttributes.timerId ?? undefined;
      } else if (event.timerFiredEventAttributes) {
        line.timerId = event.timerFiredEventAttributes.timerId ?? undefined;
      } else if (event.upsertWorkflowSearchAttributesEventAttributes) {
        line.searchAttributes = this.searchAttributes(
          event.upsertWorkflowSearchAttributesEventAttributes.searchAttributes?.indexedFields,
        );
      } else if (event.workflowExecutionCompletedEventAttributes) {
        await payloads(event.workflowExecutionCompletedEventAttributes.result);
      } else if (event.workflowExecutionFailedEventAttributes) {
        line.failure = await this.failure(event.workflowExecutionFailedEventAttributes.failure);
      } else if (event.workflowExecutionTerminatedEventAttributes) {
        const a = event.workflowExecutionTerminatedEventAttributes;
        line.reason = await this.unseal(a.reason);
        await payloads(a.details);
      } else if (event.workflowExecutionCancelRequestedEventAttributes) {
        line.reason = await this.unseal(
          event.workflowExecutionCancelRequestedEventAttributes.cause,
        );
      }
      lines.push(line);
    }
    return lines;
  }

  private searchAttributes(
    fields: Record<string, temporal.api.common.v1.IPayload> | null | undefined,
  ): Record<string, unknown> | undefined {
    if (!fields || Object.keys(fields).length === 0) return undefined;
    const out: Record<string, unknown> = {};
    for (const [key, payload] of Object.entries(fields)) {
      // Search attributes are never encrypted (the server indexes them): plain JSON payloads.
      try {
        out[key] = this.converter.payloadConverter.fromPayload(payload);
      } catch {
        out[key] = null;
      }
    }
    return out;
  }
}

function readable(error: Error, depth: number): ReadableFailure {
  const type = (error as { type?: unknown }).type;
  const out: ReadableFailure = { message: error.message };
  if (typeof type === 'string' && type) out.type = type;
  else if (error.name && error.name !== 'Error') out.type = error.name;
  if (depth > 1 && error.cause instanceof Error) out.cause = readable(error.cause, depth - 1);
  return out;
}
