import { prettyFactory } from 'pino-pretty';

const NEST_START_UP = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * How `npm start` shows the API's and the worker's logs. They log JSON (one object a line, for
 * log collectors); a person at a terminal gets a short coloured line instead — time, level,
 * who, message, and for a request its method, URL, status and duration — through pino-pretty.
 * Nest's line-per-module start-up lines are left out there. When stdout is not a terminal (piped
 * to a file or a collector) the JSON passes unchanged, all of it.
 */
export function terminalLogWriter(
  out: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean },
): (line: string) => void {
  if (!out.isTTY) return (line) => void out.write(`${line}\n`);
  const pretty = prettyFactory({
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,reqId,req,res,responseTime',
    messageFormat: (log, messageKey) => {
      const raw = log[messageKey];
      const message = typeof raw === 'string' ? raw : raw === undefined ? '' : JSON.stringify(raw);
      const req = log.req as { method?: string; url?: string } | undefined;
      const res = log.res as { statusCode?: number } | undefined;
      if (!req?.method) return message;
      const took = typeof log.responseTime === 'number' ? ` ${log.responseTime} ms` : '';
      return `${req.method} ${req.url ?? ''} → ${res?.statusCode ?? '…'}${took}`;
    },
    singleLine: true,
  });
  return (line) => {
    // Lines that are not JSON (a stack trace printed by Node, say) pass as they are.
    if (!line.startsWith('{')) return void out.write(`${line}\n`);
    try {
      const log = JSON.parse(line) as Record<string, unknown>;
      // Nest's start-up chatter (a line per module and per route) says nothing to a person.
      if (log.level === 'info' && NEST_START_UP.has(String(log.context))) return;
      out.write(pretty(log));
    } catch {
      out.write(`${line}\n`);
    }
  };
}
