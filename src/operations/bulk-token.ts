import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a dry run's token stays good: long enough to read the list, short enough to matter. */
export const BULK_TOKEN_TTL_MS = 5 * 60_000;

export interface BulkSelection {
  /** Who ran the dry run: another operator cannot replay the token. */
  userId: string;
  action: string;
  /** The exact visibility query the set came from. */
  query: string;
  workflowIds: readonly string[];
}

/**
 * A keyed digest (HMAC-SHA256) of the operator, the action, the query and the sorted workflow
 * ids, with the expiry: the dry run hands it out, the real action recomputes it from the set it
 * finds then and refuses on any difference. Keyed with a secret every API replica shares (derived
 * from AUTH_JWT_SECRET), so any replica can check a token and nobody can forge one.
 */
function digest(secret: string, selection: BulkSelection, expiresAtMs: number): string {
  const ids = [...selection.workflowIds].sort();
  return createHmac('sha256', `bulk-operations:${secret}`)
    .update(JSON.stringify([selection.userId, selection.action, selection.query, expiresAtMs, ids]))
    .digest('base64url');
}

export function issueBulkToken(
  secret: string,
  selection: BulkSelection,
  nowMs = Date.now(),
): { token: string; expiresAt: string } {
  const expiresAtMs = nowMs + BULK_TOKEN_TTL_MS;
  return {
    token: `${expiresAtMs}.${digest(secret, selection, expiresAtMs)}`,
    expiresAt: new Date(expiresAtMs).toISOString(),
  };
}

/** `ok`, or why the token does not bind this selection now. */
export function checkBulkToken(
  secret: string,
  token: string,
  selection: BulkSelection,
  nowMs = Date.now(),
): 'ok' | 'malformed' | 'expired' | 'changed' {
  const match = /^(\d{13,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return 'malformed';
  const expiresAtMs = Number(match[1]);
  if (expiresAtMs <= nowMs) return 'expired';
  if (expiresAtMs > nowMs + BULK_TOKEN_TTL_MS) return 'malformed';
  const expected = Buffer.from(digest(secret, selection, expiresAtMs));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? 'ok' : 'changed';
}
