import type { EntityManager } from 'typeorm';
import type {
  CaseDecision,
  CaseResult,
  CaseView,
  Deficiency,
  TimelineEntry,
} from '../workflows/case/case.types';
import type { ClockSegment } from '../workflows/common/sla/clock-segments';
import type { WorkingCalendar } from '../workflows/common/sla/calendar';
import type {
  AgendaItem,
  MinutesRound,
  SessionStage,
  SessionView,
} from '../workflows/session/session.types';

/**
 * The case record (docs/case-record.md): the rows a person reads about a case or a session,
 * derived from one workflow event. Every write is idempotent — keyed by the event (`<caseId>/<seq>`
 * for a case, the session's version for a session) — so an activity retried, replayed or run
 * again by the back-fill writes each row once and never moves a row back to an older state.
 */

/** What one timeline line of a case adds to the record. */
export interface CaseLine {
  caseId: string;
  eventId: string;
  entry: TimelineEntry;
  /** The review round the line belongs to (the case's `reviewRound` after it). */
  round?: number;
  /** The decision the case held after the line (for DECISION_* lines). */
  decision?: CaseDecision;
  /** The result the case held after the line (for result lines). */
  result?: CaseResult;
  /** The session the line belongs to, when neither the line nor its decision says. */
  sessionId?: string;
  /** Who asked for corrections (a session's deferral: whoever recorded the decision). */
  correctionsRequestedBy?: string;
}

/** Timeline actions after which a decision of the session took effect. */
const DECISION_TAKES_EFFECT = [
  'PERMIT_ISSUED',
  'REFUSAL_ANNOUNCED',
  'DEFERRED_TO_SCHEDULING',
  'DEFERRED_TO_CORRECTIONS',
];

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** The case's state after line `seq`, kept only if no later line's state is stored already. */
export async function recordCaseState(
  tx: EntityManager,
  caseId: string,
  seq: number,
  view: CaseView,
  directorateClock: readonly ClockSegment[] | undefined,
  calendar: WorkingCalendar | undefined,
): Promise<void> {
  await tx.query(
    `INSERT INTO case_states (case_id, seq, view, directorate_clock, calendar, updated_at)
     VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb, now())
     ON CONFLICT (case_id) DO UPDATE SET
       seq = GREATEST(case_states.seq, EXCLUDED.seq),
       view = CASE WHEN case_states.seq < EXCLUDED.seq THEN EXCLUDED.view ELSE case_states.view END,
       directorate_clock = CASE WHEN case_states.seq < EXCLUDED.seq
         THEN COALESCE(EXCLUDED.directorate_clock, case_states.directorate_clock)
         ELSE case_states.directorate_clock END,
       calendar = COALESCE(case_states.calendar, EXCLUDED.calendar),
       updated_at = now()`,
    [caseId, seq, JSON.stringify(view), json(directorateClock), json(calendar)],
  );
}

/** The rows one timeline line adds: a correction round, an answer, a decision, a result. */
export async function recordCaseLine(tx: EntityManager, line: CaseLine): Promise<void> {
  const { caseId, eventId, entry } = line;
  const details = entry.details ?? {};
  const sessionId = typeof details.sessionId === 'string' ? details.sessionId : null;
  switch (entry.action) {
    case 'CORRECTIONS_REQUESTED':
    case 'DEFERRED_TO_CORRECTIONS': {
      const round = typeof details.round === 'number' ? details.round : (line.round ?? undefined);
      if (round === undefined) return;
      const review = entry.action === 'CORRECTIONS_REQUESTED';
      await tx.query(
        `INSERT INTO case_correction_rounds (case_id, round, event_id, source, session_id,
           requested_at, requested_by, deficiencies, comment)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
         ON CONFLICT (case_id, round) DO NOTHING`,
        [
          caseId,
          round,
          eventId,
          review ? 'REVIEW' : 'SESSION',
          sessionId,
          entry.at,
          review ? entry.by : (line.correctionsRequestedBy ?? entry.by),
          JSON.stringify((details.deficiencies as Deficiency[] | undefined) ?? []),
          typeof details.comment === 'string' ? details.comment : null,
        ],
      );
      break;
    }
    case 'CORRECTIONS_SUBMITTED': {
      if (typeof details.round !== 'number') return;
      await tx.query(
        `UPDATE case_correction_rounds SET answer_event_id = $3, answered_at = $4,
           answered_by = $5, answer_note = $6, document_ids = $7::jsonb, changed_fields = $8::jsonb
         WHERE case_id = $1 AND round = $2 AND answer_event_id IS NULL`,
        [
          caseId,
          details.round - 1,
          eventId,
          entry.at,
          entry.by,
          typeof details.note === 'string' ? details.note : null,
          json(details.documentIds),
          json(details.changedFields),
        ],
      );
      break;
    }
    case 'DECISION_RECORDED':
    case 'DECISION_REVISED': {
      const decision = line.decision;
      await tx.query(
        `INSERT INTO case_decisions (event_id, case_id, seq, session_id, outcome, conditions,
           reasons, deficiencies, recorded_by, recorded_at, revision)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9, $10, $11)
         ON CONFLICT (event_id) DO NOTHING`,
        [
          eventId,
          caseId,
          entry.seq,
          decision?.sessionId ?? line.sessionId ?? null,
          decision?.outcome ?? String(details.outcome),
          json(decision?.conditions),
          json(decision?.reasons),
          json(decision?.deficiencies),
          decision?.recordedBy ?? entry.by,
          decision?.recordedAt ?? entry.at,
          entry.action === 'DECISION_REVISED',
        ],
      );
      break;
    }
  }
  if (DECISION_TAKES_EFFECT.includes(entry.action)) {
    // The newest decision before this line is the one the minutes made final.
    await tx.query(
      `UPDATE case_decisions SET took_effect_at = $3
       WHERE event_id = (SELECT event_id FROM case_decisions
                         WHERE case_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT 1)
         AND took_effect_at IS NULL`,
      [caseId, entry.seq, entry.at],
    );
  }
  const resultLine = ['PERMIT_ISSUED', 'REFUSAL_ANNOUNCED', 'REJECTED_AT_REVIEW'].includes(
    entry.action,
  );
  if (resultLine) {
    const result = line.result;
    const reasons = result?.reasons ?? (details.reasons as string[] | undefined);
    await tx.query(
      `INSERT INTO case_results (case_id, event_id, kind, permit_number, valid_from, valid_until,
         conditions, reasons, session_id, minutes_approved_at, announced_at, announced_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, $12)
       ON CONFLICT (case_id) DO NOTHING`,
      [
        caseId,
        eventId,
        entry.action === 'PERMIT_ISSUED' ? 'PERMIT' : 'REFUSAL',
        result?.permitNumber ?? (details.permitNumber as string | undefined) ?? null,
        result?.validFrom ?? null,
        result?.validUntil ?? null,
        json(result?.conditions),
        json(reasons),
        sessionId,
        (details.minutesApprovedAt as string | undefined) ?? null,
        result?.announcedAt ?? entry.at,
        entry.by,
      ],
    );
  }
}

/** The status a version of the minutes has in a session at `stage`. */
function minutesStatus(stage: SessionStage, current: boolean): string {
  if (!current) return 'SUPERSEDED';
  if (stage === 'CLOSED') return 'APPROVED';
  if (stage === 'MINUTES_IN_REVISION') return 'OBJECTED';
  if (stage === 'CANCELLED') return 'CANCELLED';
  return 'UNDER_APPROVAL';
}

/**
 * The session's decisions, minutes versions and votes, from its newest state. The caller holds
 * the session's row (it has just written it), so two snapshots never interleave here.
 */
export async function recordSessionDerived(
  tx: EntityManager,
  session: {
    sessionId: string;
    stage: SessionStage;
    agenda: readonly AgendaItem[];
    /** Every round, oldest first; the last is the current one. */
    rounds: readonly MinutesRound[];
  },
): Promise<void> {
  const { sessionId, stage, agenda, rounds } = session;
  const decided = agenda.filter((item) => item.decision);
  await tx.query(
    `DELETE FROM session_decisions WHERE session_id = $1 AND NOT (case_id = ANY($2::uuid[]))`,
    [sessionId, decided.map((item) => item.caseId)],
  );
  for (const item of decided) {
    const d = item.decision!;
    await tx.query(
      `INSERT INTO session_decisions (session_id, case_id, outcome, conditions, reasons,
         deficiencies, recorded_by, recorded_at, final)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9)
       ON CONFLICT (session_id, case_id) DO UPDATE SET outcome = EXCLUDED.outcome,
         conditions = EXCLUDED.conditions, reasons = EXCLUDED.reasons,
         deficiencies = EXCLUDED.deficiencies, recorded_by = EXCLUDED.recorded_by,
         recorded_at = EXCLUDED.recorded_at, final = EXCLUDED.final`,
      [
        sessionId,
        item.caseId,
        d.outcome,
        json(d.conditions),
        json(d.reasons),
        json(d.deficiencies),
        d.recordedBy,
        d.recordedAt,
        stage === 'CLOSED',
      ],
    );
  }
  for (const [i, round] of rounds.entries()) {
    await tx.query(
      `INSERT INTO minutes_versions (session_id, round, drafted_by, drafted_at, status)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (session_id, round) DO UPDATE SET status = EXCLUDED.status`,
      [
        sessionId,
        round.round,
        round.draftedBy,
        round.draftedAt,
        minutesStatus(stage, i === rounds.length - 1),
      ],
    );
    const votes = [
      ...round.approvals.map((a) => ({ ...a, vote: 'APPROVED', comment: null })),
      ...round.objections.map((o) => ({ ...o, vote: 'OBJECTED' })),
    ];
    for (const vote of votes) {
      await tx.query(
        `INSERT INTO minutes_votes (session_id, round, user_id, vote, at, comment)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [sessionId, round.round, vote.userId, vote.vote, vote.at, vote.comment],
      );
    }
  }
}

/** Every round of a session's minutes, oldest first. */
export function minutesRoundsOf(view: SessionView): MinutesRound[] {
  return [...view.pastMinutesRounds, ...(view.minutes ? [view.minutes] : [])];
}
