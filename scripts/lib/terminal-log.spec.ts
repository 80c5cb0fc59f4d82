import { terminalLogWriter } from './terminal-log';

function capture(isTTY: boolean): { lines: string[]; write: (line: string) => void } {
  const lines: string[] = [];
  const write = terminalLogWriter({ isTTY, write: (chunk: string) => lines.push(chunk) > 0 });
  return { lines, write };
}

// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('the log npm start shows', () => {
  const request = JSON.stringify({
    level: 'info',
    time: '2026-12-02T10:15:30.000Z',
    name: 'api',
    pid: 1,
    hostname: 'h',
    req: { id: 'r1', method: 'GET', url: '/cases?limit=5' },
    res: { statusCode: 200 },
    responseTime: 12,
    msg: 'request completed',
  });

  it('passes JSON through unchanged when stdout is not a terminal', () => {
    const { lines, write } = capture(false);
    write(request);
    expect(lines).toEqual([`${request}\n`]);
  });

  it('shows a request as one short line at a terminal', () => {
    const { lines, write } = capture(true);
    write(request);
    expect(lines).toHaveLength(1);
    const line = plain(lines[0]);
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\] INFO \(api\): GET \/cases\?limit=5 → 200 12 ms\n$/);
    expect(line).not.toContain('hostname');
  });

  it("leaves Nest's start-up chatter out at a terminal, and only there", () => {
    const chatter = JSON.stringify({
      level: 'info',
      time: 0,
      name: 'api',
      context: 'InstanceLoader',
      msg: 'X dependencies initialized',
    });
    const atTerminal = capture(true);
    atTerminal.write(chatter);
    expect(atTerminal.lines).toEqual([]);
    const piped = capture(false);
    piped.write(chatter);
    expect(piped.lines).toEqual([`${chatter}\n`]);
  });

  it('keeps a plain message and passes non-JSON lines as they are', () => {
    const { lines, write } = capture(true);
    write(JSON.stringify({ level: 'warn', time: 0, name: 'worker', msg: 'worker started' }));
    write('    at Object.<anonymous> (/x.js:1:1)');
    expect(plain(lines[0])).toMatch(/WARN \(worker\): worker started\n$/);
    expect(lines[1]).toBe('    at Object.<anonymous> (/x.js:1:1)\n');
  });
});
