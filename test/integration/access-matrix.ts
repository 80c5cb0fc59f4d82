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
