/**
 * A request URL as it may be logged: the tracking code in `/track/<code>` is a bearer secret
 * (whoever has it sees the case's status), so it is masked; the rest stays for diagnosis.
 */
export function maskUrl(url: string): string {
  return url.replace(/(^|\/)(track)\/[^/?#]+/gi, '$1$2/***');
}
