/** What must not reach a log line, an error or a reader as it came. */

/**
 * A request URL as it may be logged: the tracking code in `/track/<code>` is a bearer secret
 * (whoever has it sees the case's status), so it is masked; the rest stays for diagnosis.
 */
export function maskUrl(url: string): string {
  return url.replace(/(^|\/)(track)\/[^/?#]+/gi, '$1$2/***');
}

/**
 * E-mail addresses and phone numbers a server or gateway may quote in its refusal, cut out
 * before the reason is stored, thrown (Temporal, the worker's log) or shown.
 */
export function withoutAddresses(reason: string): string {
  return reason
    .replace(/[^\s<>"']+@[^\s<>"']+/g, '<address>')
    .replace(/\+?\d[\d -]{8,}\d/g, '<number>');
}
