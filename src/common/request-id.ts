/** The request id pino-http gave the request (X-Request-Id or a fresh UUID), as text. */
export function requestIdOf(request: { id?: unknown }): string | null {
  const id = request.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}
