import type { Client } from '@temporalio/client';
import type { DataSource, EntityManager } from 'typeorm';
import {
  recordCaseLine,
  recordCaseState,
  recordSessionDerived,
} from '../../activities/case-record';
import { caseWorkflowId, getCaseStateQuery } from '../../workflows/case/case.messages';
import type { CaseDecision, CaseView, TimelineEntry } from '../../workflows/case/case.types';
import { getSessionStateQuery, sessionWorkflowId } from '../../workflows/session/session.messages';
import type { AgendaItem, MinutesRound, SessionView } from '../../workflows/session/session.types';
import { queryWorkflow } from '../temporal/workflow-actions';

/** What the back-fill could not put into the record, per case or session. */
export interface Unrecovered {
  id: string;
  /**
   * `state`: the workflow is gone (or did not answer), so its whole state (`live`) is not
   * recorded; `decision-content:<seq>`: a decision later revised, of which only the outcome is
   * known; `permit-validity`: the permit's validity dates.
   */
  missing: string[];
  /** Temporal did not answer (no worker?): running the back-fill again may recover it. */
  retry?: boolean;
}

export interface BackfillReport {
  cases: { examined: number; stateRecorded: number; unrecovered: Unrecovered[] };
  sessions: { examined: number; stateRecorded: number; unrecovered: Unrecovered[] };
}

const BATCH = 200;

/**
 * Fills the case record (docs/case-record.md) for cases and sessions that existed before it:
 * their correction rounds, decisions, results, session outcomes, minutes versions and votes
 * from what PostgreSQL already held (the timeline lines in `case_events`, the sessions'
 * agenda and minutes), and their state from the workflows Temporal still retains (a query:
 * a worker must be running). Every write is the activities' own idempotent one, so it is safe
 * to run again, and while cases are moving. Answers what it could not recover.
 */
export async function backfillCaseRecord(deps: {
  dataSource: DataSource;
  client: Client;
}): Promise<BackfillReport> {
  const report: BackfillReport = {
    cases: { examined: 0, stateRecorded: 0, unrecovered: [] },
    sessions: { examined: 0, stateRecorded: 0, unrecovered: [] },
  };
  // Sessions first: a case's decisions are read from its session's agenda.
  for (let after = ''; ;) {
    const ids = await nextIds(deps.dataSource, 'sessions', after);
    if (ids.length === 0) break;
    for (const id of ids) await backfillSession(deps, id, report);
    after = ids[ids.length - 1];
  }
  for (let after = ''; ;) {
    const ids = await nextIds(deps.dataSource, 'cases', after);
    if (ids.length === 0) break;
    for (const id of ids) await backfillCase(deps, id, report);
    after = ids[ids.length - 1];
  }
  return report;
}

async function nextIds(dataSource: DataSource, table: 'cases' | 'sessions', after: string) {
  const rows = await dataSource.query<{ id: string }[]>(
    `SELECT id::text AS id FROM ${table} WHERE id::text > $1 ORDER BY id::text LIMIT ${BATCH}`,
    [after],
  );
  return rows.map((row) => row.id);
}

async function backfillSession(
  { dataSource, client }: { dataSource: DataSource; client: Client },
  sessionId: string,
  report: BackfillReport,
): Promise<void> {
  report.sessions.examined++;
  const [row] = await dataSource.query<{ view: SessionView | null }[]>(
    'SELECT view FROM sessions WHERE id = $1',
    [sessionId],
  );
  let live: SessionView | 'not-found' | 'unavailable' | undefined;
  if (!row.view) {
    live = await queryWorkflow(client, sessionWorkflowId(sessionId), getSessionStateQuery);
  }
  await dataSource.transaction(async (tx) => {
    // The session's row, locked as the activity locks it: the two never interleave.
    const [session] = await tx.query<
      { stage: SessionView['stage']; agenda: AgendaItem[]; minutes: MinutesRound[] }[]
    >('SELECT stage, agenda, minutes FROM sessions WHERE id = $1 FOR UPDATE', [sessionId]);
    if (typeof live === 'object') {
      const set: unknown[] = await tx.query(
        'UPDATE sessions SET view = $2::jsonb WHERE id = $1 AND view IS NULL RETURNING id',
        [sessionId, JSON.stringify(live)],
      );
      if (set.length > 0) report.sessions.stateRecorded++;
    }
    await recordSessionDerived(tx, {
      sessionId,
      stage: session.stage,
      agenda: session.agenda,
      rounds: session.minutes,
    });
  });
  if (live === 'not-found' || live === 'unavailable') {
    report.sessions.unrecovered.push({
      id: sessionId,
      missing: ['state'],
      ...(live === 'unavailable' ? { retry: true } : {}),
    });
  }
}

async function backfillCase(
  { dataSource, client }: { dataSource: DataSource; client: Client },
  caseId: string,
  report: BackfillReport,
): Promise<void> {
  report.cases.examined++;
  const [stored] = await dataSource.query<{ view: CaseView }[]>(
    'SELECT view FROM case_states WHERE case_id = $1',
    [caseId],
  );
  let view: CaseView | undefined = stored?.view;
  const missing: string[] = [];
  let retry = false;
  if (!view) {
    const live = await queryWorkflow(client, caseWorkflowId(caseId), getCaseStateQuery);
    if (typeof live === 'object') view = live;
    else {
      missing.push('state');
      retry = live === 'unavailable';
    }
  }
  const timeline = (
    await dataSource.query<{ data: TimelineEntry }[]>(
      `SELECT data FROM case_events WHERE case_id = $1 AND id <> $2 ORDER BY (data->>'seq')::int`,
      [caseId, `${caseId}/0`],
    )
  ).map((row) => row.data);
  await dataSource.transaction(async (tx) => {
    if (view && !stored) {
      // No clock: while it runs, the record shows the working days used as of the query.
      await recordCaseState(tx, caseId, view.timelineLength, view, undefined, undefined);
      report.cases.stateRecorded++;
    }
    await recordCaseLines(tx, caseId, timeline, view, missing);
  });
  if (missing.length > 0) {
    report.cases.unrecovered.push({ id: caseId, missing, ...(retry ? { retry } : {}) });
  }
}

/**
 * Each line's rows. The review round counts the answers before it; a decision's content is the
 * session's (its agenda keeps the newest decision per case) or, for the case's newest, its
 * state's; the result is the state's, or what the lines and the session say of it.
 */
async function recordCaseLines(
  tx: EntityManager,
  caseId: string,
  timeline: TimelineEntry[],
  view: CaseView | undefined,
  missing: string[],
): Promise<void> {
  // The session each decision was recorded at: the one the case was last scheduled for.
  const sessionOf = new Map<number, string>();
  let scheduledFor: string | undefined;
  for (const entry of timeline) {
    if (entry.action === 'SCHEDULED' || entry.action === 'SESSION_MOVED') {
      scheduledFor = String(entry.details?.sessionId);
    }
    if (entry.action.startsWith('DECISION_') && scheduledFor) {
      sessionOf.set(entry.seq, scheduledFor);
    }
  }
  const decisionSeqs = [...sessionOf.keys()];
  let round = 1;
  let decision: CaseDecision | undefined;
  for (const entry of timeline) {
    const details = entry.details ?? {};
    if (entry.action === 'CORRECTIONS_SUBMITTED') round = Number(details.round ?? round + 1);
    if (entry.action.startsWith('DECISION_')) {
      const sessionId = sessionOf.get(entry.seq);
      const newest = entry.seq === decisionSeqs[decisionSeqs.length - 1];
      const newestOfSession =
        sessionId !== undefined &&
        !decisionSeqs.some((seq) => seq > entry.seq && sessionOf.get(seq) === sessionId);
      decision =
        newest && view?.decision
          ? view.decision
          : newestOfSession
            ? await sessionDecision(tx, sessionId, caseId)
            : undefined;
      if (!decision) missing.push(`decision-content:${entry.seq}`);
    }
    const result = view?.result;
    if (entry.action === 'PERMIT_ISSUED' && !result) missing.push('permit-validity');
    await recordCaseLine(tx, {
      caseId,
      eventId: `${caseId}/${entry.seq}`,
      entry,
      round,
      decision: entry.action.startsWith('DECISION_') ? decision : undefined,
      result:
        result ??
        (entry.action === 'PERMIT_ISSUED' || entry.action === 'REFUSAL_ANNOUNCED'
          ? {
              kind: entry.action === 'PERMIT_ISSUED' ? 'PERMIT' : 'REFUSAL',
              permitNumber: details.permitNumber as string | undefined,
              conditions: decision?.conditions,
              reasons: decision?.reasons,
              announcedAt: entry.at,
            }
          : undefined),
      sessionId: sessionOf.get(entry.seq),
      correctionsRequestedBy: decision?.recordedBy,
    });
  }
}

async function sessionDecision(
  tx: EntityManager,
  sessionId: string,
  caseId: string,
): Promise<CaseDecision | undefined> {
  const [row] = await tx.query<{ agenda: AgendaItem[] }[]>(
    'SELECT agenda FROM sessions WHERE id = $1',
    [sessionId],
  );
  const item = row?.agenda.find((i) => i.caseId === caseId);
  return item?.decision ? { ...item.decision, sessionId } : undefined;
}
