/**
 * The access matrix: for every endpoint, who may call it. The test in access-matrix.int-spec.ts
 * walks every endpoint × every role (and a clerk of another agency) against the running API, and
 * fails when an endpoint is missing here or has no declared rule. docs/access-matrix.md is
 * rendered from this table (the test checks it is current).
 */
export const WHO = [
  'anonymous',
  'CLERK',
  'CLERK_OTHER',
  'REVIEWER',
  'SECRETARY',
  'MEMBER',
  'OPERATOR',
  'ADMINISTRATOR',
] as const;
export type Who = (typeof WHO)[number];

/** allow: the guard lets the call through; deny: 401/403; hidden: scoped out, answered 404. */
export type Verdict = 'allow' | 'deny' | 'hidden';

export interface Fixtures {
  caseId: string;
  agencyId: string;
  userId: string;
  trackingCode: string;
  /** A planned session: the SECRETARY fixture is its secretary, the MEMBER fixture sits on it. */
  sessionId: string;
  /** A complaint the CLERK fixture filed about the fixture case, and its tracking code. */
  complaintId: string;
  complaintTrackingCode: string;
}

export interface MatrixRow {
  verdicts: Record<Who, Verdict>;
  /** The concrete request: path with fixture ids, and a body for writes. */
  request: (f: Fixtures) => { path: string; body?: unknown };
  note?: string;
}

const everyone = (verdict: Verdict): Record<Who, Verdict> =>
  Object.fromEntries(WHO.map((who) => [who, verdict])) as Record<Who, Verdict>;
const signedIn = (): Record<Who, Verdict> => ({ ...everyone('allow'), anonymous: 'deny' });
const only = (...allowed: Who[]): Record<Who, Verdict> =>
  Object.fromEntries(WHO.map((who) => [who, allowed.includes(who) ? 'allow' : 'deny'])) as Record<
    Who,
    Verdict
  >;

/** Session rows: the workflow refuses another secretary; a member off the session gets 404. */
/** Complaint rows: the filer, the owner and operators see one; anyone else gets 404. */
const COMPLAINT_SEEN_BY = 'the filer’s own, the owner’s, operators all (others: 404)';
const OWN_SECRETARY = 'the session’s own secretary (others: SESSION.NOT_SECRETARY)';
const SITS_ON = 'a member: only sessions they sit on (others: SESSION.NOT_FOUND)';

export const ACCESS_MATRIX: Record<string, MatrixRow> = {
  'GET /health/live': { verdicts: everyone('allow'), request: () => ({ path: '/health/live' }) },
  'GET /health/ready': { verdicts: everyone('allow'), request: () => ({ path: '/health/ready' }) },
  'POST /auth/sign-in': {
    verdicts: everyone('allow'),
    request: () => ({ path: '/auth/sign-in', body: {} }),
  },
  'POST /auth/refresh': {
    verdicts: everyone('allow'),
    request: () => ({ path: '/auth/refresh', body: {} }),
  },
  'POST /auth/sign-out': {
    verdicts: everyone('allow'),
    request: () => ({ path: '/auth/sign-out', body: {} }),
  },
  'POST /auth/change-password': {
    verdicts: signedIn(),
    request: () => ({ path: '/auth/change-password', body: {} }),
    note: 'also while a password change is pending',
  },
  'GET /auth/me': {
    verdicts: signedIn(),
    request: () => ({ path: '/auth/me' }),
    note: 'also while a password change is pending',
  },
  'GET /track/:code': {
    verdicts: everyone('allow'),
    request: (f) => ({ path: `/track/${f.trackingCode}` }),
    note: 'rate-limited per address',
  },
  'GET /agencies': { verdicts: signedIn(), request: () => ({ path: '/agencies' }) },
  'GET /agencies/:id': {
    verdicts: signedIn(),
    request: (f) => ({ path: `/agencies/${f.agencyId}` }),
  },
  'POST /agencies': {
    verdicts: only('ADMINISTRATOR'),
    request: () => ({ path: '/agencies', body: {} }),
  },
  'PATCH /agencies/:id': {
    verdicts: only('ADMINISTRATOR'),
    request: (f) => ({ path: `/agencies/${f.agencyId}`, body: {} }),
  },
  'POST /admin/users': {
    verdicts: only('ADMINISTRATOR'),
    request: () => ({ path: '/admin/users', body: {} }),
  },
  'GET /admin/users': {
    verdicts: only('ADMINISTRATOR'),
    request: () => ({ path: '/admin/users' }),
  },
  'GET /admin/users/:id': {
    verdicts: only('ADMINISTRATOR'),
    request: (f) => ({ path: `/admin/users/${f.userId}` }),
  },
  'PATCH /admin/users/:id': {
    verdicts: only('ADMINISTRATOR'),
    request: (f) => ({ path: `/admin/users/${f.userId}`, body: {} }),
  },
  'POST /admin/users/:id/reset-password': {
    verdicts: only('ADMINISTRATOR'),
    request: (f) => ({ path: `/admin/users/${f.userId}/reset-password`, body: {} }),
  },
  'POST /admin/users/:id/unlock': {
    verdicts: only('ADMINISTRATOR'),
    request: (f) => ({ path: `/admin/users/${f.userId}/unlock`, body: {} }),
  },
  'POST /cases': {
    verdicts: only('CLERK', 'CLERK_OTHER'),
    request: () => ({ path: '/cases', body: {} }),
    note: 'filed for the clerk’s own agency',
  },
  'GET /cases/:id': {
    verdicts: { ...only('CLERK', 'REVIEWER', 'SECRETARY', 'OPERATOR'), CLERK_OTHER: 'hidden' },
    request: (f) => ({ path: `/cases/${f.caseId}` }),
    note: 'a clerk sees only their own agency’s cases',
  },
  'GET /cases': {
    verdicts: only('CLERK', 'CLERK_OTHER', 'REVIEWER', 'SECRETARY', 'OPERATOR'),
    request: () => ({ path: '/cases?limit=1' }),
    note: 'a clerk lists only their own agency’s cases',
  },
  'GET /cases/:id/timeline': {
    verdicts: { ...only('CLERK', 'REVIEWER', 'SECRETARY', 'OPERATOR'), CLERK_OTHER: 'hidden' },
    request: (f) => ({ path: `/cases/${f.caseId}/timeline` }),
    note: 'a clerk sees only their own agency’s cases',
  },
  'POST /cases/:id/accept': {
    verdicts: only('REVIEWER'),
    request: (f) => ({ path: `/cases/${f.caseId}/accept`, body: {} }),
  },
  'POST /cases/:id/corrections': {
    verdicts: only('REVIEWER'),
    request: (f) => ({ path: `/cases/${f.caseId}/corrections`, body: {} }),
  },
  'POST /cases/:id/reject': {
    verdicts: only('REVIEWER'),
    request: (f) => ({ path: `/cases/${f.caseId}/reject`, body: {} }),
  },
  'POST /cases/:id/resubmit': {
    verdicts: { ...only('CLERK'), CLERK_OTHER: 'hidden' },
    request: (f) => ({ path: `/cases/${f.caseId}/resubmit`, body: {} }),
    note: 'own agency’s cases only',
  },
  'POST /cases/:id/withdraw': {
    verdicts: { ...only('CLERK'), CLERK_OTHER: 'hidden' },
    request: (f) => ({ path: `/cases/${f.caseId}/withdraw`, body: { reason: 'آزمون دسترسی' } }),
    note: 'own agency’s cases only',
  },
  'POST /cases/:id/cancel': {
    verdicts: only('OPERATOR'),
    request: (f) => ({ path: `/cases/${f.caseId}/cancel`, body: {} }),
  },
  'POST /cases/:id/documents': {
    verdicts: { ...only('CLERK'), CLERK_OTHER: 'hidden' },
    request: (f) => ({ path: `/cases/${f.caseId}/documents`, body: { slot: 'REQUEST_LETTER' } }),
    note: 'own agency’s cases only',
  },
  'GET /cases/:id/documents': {
    verdicts: { ...only('CLERK', 'REVIEWER', 'SECRETARY', 'OPERATOR'), CLERK_OTHER: 'hidden' },
    request: (f) => ({ path: `/cases/${f.caseId}/documents` }),
    note: 'a clerk sees only their own agency’s cases',
  },
  'GET /cases/:id/documents/:documentId/content': {
    verdicts: { ...only('CLERK', 'REVIEWER', 'SECRETARY', 'OPERATOR'), CLERK_OTHER: 'hidden' },
    request: (f) => ({
      path: `/cases/${f.caseId}/documents/00000000-0000-4000-8000-000000000000/content`,
    }),
    note: 'a clerk sees only their own agency’s cases',
  },
  'GET /reference/request-types': {
    verdicts: signedIn(),
    request: () => ({ path: '/reference/request-types' }),
  },
  'GET /reference/worn-out-ages': {
    verdicts: signedIn(),
    request: () => ({ path: '/reference/worn-out-ages' }),
  },
  'PUT /reference/worn-out-ages/:usageClass': {
    verdicts: only('ADMINISTRATOR'),
    // years 0 fails validation: the walk changes no age (other test files share the database).
    request: () => ({ path: '/reference/worn-out-ages/SEDAN', body: { years: 0 } }),
  },
  'GET /reference/calendar': {
    verdicts: signedIn(),
    request: () => ({ path: '/reference/calendar?year=1405' }),
  },
  'POST /reference/calendar/closures': {
    verdicts: only('ADMINISTRATOR'),
    request: () => ({ path: '/reference/calendar/closures', body: {} }),
  },
  'DELETE /reference/calendar/closures/:date': {
    verdicts: only('ADMINISTRATOR'),
    // A day nobody records a closure on: the administrator gets REFERENCE.CLOSURE_NOT_FOUND.
    request: () => ({ path: '/reference/calendar/closures/1499-12-29' }),
  },
  'POST /reference/calendar/holidays': {
    verdicts: only('ADMINISTRATOR'),
    request: () => ({ path: '/reference/calendar/holidays', body: {} }),
  },
  'DELETE /reference/calendar/holidays/:date': {
    verdicts: only('ADMINISTRATOR'),
    // A day nobody records a holiday on: the administrator gets REFERENCE.HOLIDAY_NOT_FOUND.
    request: () => ({ path: '/reference/calendar/holidays/1499-12-29' }),
  },
  'POST /reference/request-types/:type/checklist': {
    verdicts: only('ADMINISTRATOR'),
    request: () => ({ path: '/reference/request-types/SALE/checklist', body: {} }),
  },
  'PATCH /reference/request-types/:type/checklist/:code': {
    verdicts: only('ADMINISTRATOR'),
    // No such slot: the administrator gets REFERENCE.SLOT_NOT_FOUND and nothing changes.
    request: () => ({ path: '/reference/request-types/SALE/checklist/NO_SUCH_SLOT', body: {} }),
  },
  'DELETE /reference/request-types/:type/checklist/:code': {
    verdicts: only('ADMINISTRATOR'),
    request: () => ({ path: '/reference/request-types/SALE/checklist/NO_SUCH_SLOT' }),
  },
  'GET /reference/agencies/:agencyId/vehicle-balance': {
    verdicts: only('CLERK', 'CLERK_OTHER', 'REVIEWER', 'SECRETARY', 'OPERATOR'),
    request: (f) => ({ path: `/reference/agencies/${f.agencyId}/vehicle-balance` }),
    note: 'a clerk: only their own agency (others: AGENCY.NOT_FOUND)',
  },
  'GET /notifications': {
    verdicts: signedIn(),
    request: () => ({ path: '/notifications' }),
    note: 'the caller’s own inbox only',
  },
  'GET /notifications/unread-count': {
    verdicts: signedIn(),
    request: () => ({ path: '/notifications/unread-count' }),
  },
  'POST /notifications/read-all': {
    verdicts: signedIn(),
    request: () => ({ path: '/notifications/read-all', body: {} }),
  },
  'POST /notifications/:id/read': {
    verdicts: signedIn(),
    // Nobody's notification: NOTIFICATION.NOT_FOUND for everyone signed in.
    request: () => ({ path: '/notifications/00000000-0000-4000-8000-000000000000/read', body: {} }),
    note: 'only the caller’s own (others: NOTIFICATION.NOT_FOUND)',
  },
  'GET /notifications/preferences': {
    verdicts: signedIn(),
    request: () => ({ path: '/notifications/preferences' }),
  },
  'PUT /notifications/preferences': {
    verdicts: signedIn(),
    // An invalid body: the walk changes nobody's preferences.
    request: () => ({ path: '/notifications/preferences', body: { email: 'yes' } }),
  },
  'GET /work': {
    verdicts: only('CLERK', 'CLERK_OTHER', 'REVIEWER', 'SECRETARY', 'MEMBER', 'OPERATOR'),
    request: () => ({ path: '/work' }),
    note: 'scoped: a clerk’s agency, a member’s sessions',
  },
  'GET /audit': {
    verdicts: only('OPERATOR', 'ADMINISTRATOR'),
    request: () => ({ path: '/audit?limit=1' }),
  },
  'GET /audit/verify': {
    verdicts: only('OPERATOR', 'ADMINISTRATOR'),
    request: () => ({ path: '/audit/verify?fromSeq=1&toSeq=1' }),
  },
  'POST /codec/decode': {
    verdicts: only('OPERATOR'),
    request: () => ({ path: '/codec/decode', body: { payloads: [] } }),
  },
  'POST /codec/encode': {
    verdicts: only('OPERATOR'),
    request: () => ({ path: '/codec/encode', body: { payloads: [] } }),
  },
  'POST /complaints': {
    verdicts: signedIn(),
    request: () => ({ path: '/complaints', body: {} }),
    note: 'about a case: a clerk only their own agency’s',
  },
  'GET /complaints': {
    verdicts: signedIn(),
    request: () => ({ path: '/complaints?limit=1' }),
    note: 'the filer’s own, the owner’s, operators all',
  },
  'GET /complaints/track/:code': {
    verdicts: everyone('allow'),
    request: (f) => ({ path: `/complaints/track/${f.complaintTrackingCode}` }),
    note: 'rate-limited per address, together with `GET /track/:code`',
  },
  'GET /complaints/:id': {
    verdicts: signedIn(),
    request: (f) => ({ path: `/complaints/${f.complaintId}` }),
    note: COMPLAINT_SEEN_BY,
  },
  'POST /complaints/:id/assign': {
    verdicts: only('OPERATOR'),
    request: (f) => ({ path: `/complaints/${f.complaintId}/assign`, body: {} }),
  },
  'POST /complaints/:id/answer': {
    verdicts: only('REVIEWER', 'SECRETARY', 'OPERATOR'),
    request: (f) => ({ path: `/complaints/${f.complaintId}/answer`, body: {} }),
    note: 'its owner, or an operator (others: 404 or 409)',
  },
  'POST /complaints/:id/withdraw': {
    verdicts: signedIn(),
    // An invalid reason: the walk withdraws nothing (only the filer could, and not with this).
    request: (f) => ({ path: `/complaints/${f.complaintId}/withdraw`, body: { reason: '' } }),
    note: 'only its filer (others: 404 or 409)',
  },
  'GET /notices': { verdicts: everyone('allow'), request: () => ({ path: '/notices' }) },
  'POST /notices': {
    verdicts: only('OPERATOR'),
    // An empty body fails validation: the walk announces no window (it would hold every write).
    request: () => ({ path: '/notices', body: {} }),
  },
  'POST /notices/:id/cancel': {
    verdicts: only('OPERATOR'),
    // No such notice: the operator gets NOTICE.NOT_FOUND, and no window is touched.
    request: () => ({
      path: '/notices/00000000-0000-4000-8000-000000000000/cancel',
      body: { reason: 'آزمون دسترسی' },
    }),
  },
  'GET /reports/service-level': {
    verdicts: only('OPERATOR', 'ADMINISTRATOR'),
    request: () => ({ path: '/reports/service-level?year=1404&month=4' }),
  },
  'GET /reports/breaches': {
    verdicts: only('OPERATOR', 'ADMINISTRATOR'),
    request: () => ({ path: '/reports/breaches?limit=1' }),
  },
  'GET /public/service-level': {
    verdicts: everyone('allow'),
    request: () => ({ path: '/public/service-level?year=1404&month=4' }),
    note: 'aggregates only; cells of fewer than 5 cases withheld',
  },
  // Operators' console: reads of the fixture case; actions with an invalid body (400), so the
  // walk never retries, terminates or cancels a workflow.
  'GET /operations/cases': {
    verdicts: only('OPERATOR'),
    request: (f) => ({ path: `/operations/cases?agencyId=${f.agencyId}&limit=1` }),
  },
  'GET /operations/cases/count': {
    verdicts: only('OPERATOR'),
    request: (f) => ({ path: `/operations/cases/count?agencyId=${f.agencyId}` }),
  },
  'GET /operations/cases/:id/history': {
    verdicts: only('OPERATOR'),
    request: (f) => ({ path: `/operations/cases/${f.caseId}/history` }),
  },
  'GET /operations/cases/:id/pending': {
    verdicts: only('OPERATOR'),
    request: (f) => ({ path: `/operations/cases/${f.caseId}/pending` }),
  },
  'GET /operations/cases/:id/stuck': {
    verdicts: only('OPERATOR'),
    request: (f) => ({ path: `/operations/cases/${f.caseId}/stuck` }),
  },
  'POST /operations/cases/:id/retry': {
    verdicts: only('OPERATOR'),
    request: (f) => ({ path: `/operations/cases/${f.caseId}/retry`, body: {} }),
  },
  'POST /operations/cases/:id/terminate': {
    verdicts: only('OPERATOR'),
    request: (f) => ({ path: `/operations/cases/${f.caseId}/terminate`, body: {} }),
  },
  'POST /operations/cases/bulk/dry-run': {
    verdicts: only('OPERATOR'),
    request: () => ({ path: '/operations/cases/bulk/dry-run', body: {} }),
    note: 'needs a filter; only running case workflows',
  },
  'POST /operations/cases/bulk': {
    verdicts: only('OPERATOR'),
    request: () => ({ path: '/operations/cases/bulk', body: {} }),
    note: 'only with the token of a dry run of the same set',
  },
  'GET /metrics': {
    verdicts: everyone('deny'),
    request: () => ({ path: '/metrics' }),
    note: 'only Prometheus, with the bearer `METRICS_TOKEN` (off when unset)',
  },
  'POST /sessions': {
    verdicts: only('SECRETARY'),
    request: () => ({ path: '/sessions', body: {} }),
    note: 'members: active users holding MEMBER',
  },
  'GET /sessions': {
    verdicts: only('SECRETARY', 'MEMBER', 'OPERATOR'),
    request: () => ({ path: '/sessions?limit=1' }),
    note: 'a member lists only the sessions they sit on',
  },
  'GET /sessions/:id': {
    verdicts: only('SECRETARY', 'MEMBER', 'OPERATOR'),
    request: (f) => ({ path: `/sessions/${f.sessionId}` }),
    note: SITS_ON,
  },
  'POST /sessions/:id/move': {
    verdicts: only('SECRETARY'),
    request: (f) => ({ path: `/sessions/${f.sessionId}/move`, body: {} }),
    note: OWN_SECRETARY,
  },
  'POST /sessions/:id/members': {
    verdicts: only('SECRETARY'),
    request: (f) => ({ path: `/sessions/${f.sessionId}/members`, body: {} }),
    note: OWN_SECRETARY,
  },
  'POST /sessions/:id/agenda': {
    verdicts: only('SECRETARY'),
    request: (f) => ({ path: `/sessions/${f.sessionId}/agenda`, body: {} }),
    note: OWN_SECRETARY,
  },
  'DELETE /sessions/:id/agenda/:caseId': {
    verdicts: only('SECRETARY'),
    request: (f) => ({ path: `/sessions/${f.sessionId}/agenda/${f.caseId}` }),
    note: OWN_SECRETARY,
  },
  'POST /sessions/:id/cancel': {
    verdicts: only('SECRETARY'),
    request: (f) => ({ path: `/sessions/${f.sessionId}/cancel`, body: {} }),
    note: OWN_SECRETARY,
  },
  'POST /sessions/:id/held': {
    verdicts: only('SECRETARY'),
    request: (f) => ({ path: `/sessions/${f.sessionId}/held`, body: {} }),
    note: OWN_SECRETARY,
  },
  'POST /sessions/:id/decisions': {
    verdicts: only('SECRETARY'),
    request: (f) => ({ path: `/sessions/${f.sessionId}/decisions`, body: {} }),
    note: OWN_SECRETARY,
  },
  'POST /sessions/:id/minutes': {
    verdicts: only('SECRETARY'),
    request: (f) => ({ path: `/sessions/${f.sessionId}/minutes`, body: {} }),
    note: OWN_SECRETARY,
  },
  'POST /sessions/:id/minutes/approve': {
    verdicts: only('MEMBER'),
    request: (f) => ({ path: `/sessions/${f.sessionId}/minutes/approve`, body: {} }),
    note: SITS_ON,
  },
  'POST /sessions/:id/minutes/objections': {
    verdicts: only('MEMBER'),
    request: (f) => ({ path: `/sessions/${f.sessionId}/minutes/objections`, body: {} }),
    note: SITS_ON,
  },
  'POST /sessions/:id/conflicts': {
    verdicts: only('MEMBER'),
    request: (f) => ({ path: `/sessions/${f.sessionId}/conflicts`, body: {} }),
    note: SITS_ON,
  },
};

const SYMBOL: Record<Verdict, string> = { allow: '✓', deny: '—', hidden: 'own' };

/** The matrix as a Markdown table (docs/access-matrix.md). */
export function renderMatrix(): string {
  const columns = WHO.filter((w) => w !== 'CLERK_OTHER');
  const header = `| endpoint | ${columns.map((w) => (w === 'anonymous' ? 'anyone' : w.toLowerCase())).join(' | ')} | note |`;
  const rule = `|${' --- |'.repeat(columns.length + 2)}`;
  const rows = Object.entries(ACCESS_MATRIX).map(([endpoint, row]) => {
    const cells = columns.map((who) =>
      who === 'CLERK' && row.verdicts.CLERK_OTHER === 'hidden' ? 'own' : SYMBOL[row.verdicts[who]],
    );
    return `| \`${endpoint}\` | ${cells.join(' | ')} | ${row.note ?? ''} |`;
  });
  return [header, rule, ...rows].join('\n');
}
