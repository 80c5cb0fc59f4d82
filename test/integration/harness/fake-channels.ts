import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** One e-mail the loopback SMTP server accepted. */
export interface ReceivedMail {
  to: string[];
  messageId: string;
  raw: string;
  /** The body, decoded (nodemailer sends non-ASCII text base64 or quoted-printable). */
  text: string;
}

function decodedBody(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const body = raw.slice(split + 4);
  if (/^Content-Transfer-Encoding:\s*base64/im.test(head)) {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (/^Content-Transfer-Encoding:\s*quoted-printable/im.test(head)) {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

type SmtpBehaviour =
  | { kind: 'accept' }
  /** 451 at RCPT TO: a temporary refusal (RFC 5321), the client should try again later. */
  | { kind: 'refuse' }
  /** Holds RCPT TO unanswered (a slow server); the test can kill the client meanwhile. */
  | { kind: 'stall' };

/**
 * A real SMTP server on loopback (the `smtp-server` package) that records what it accepts and
 * can be told to refuse for a while, to stall, or to reject one address for good (550).
 */
export class LoopbackSmtp {
  readonly received: ReceivedMail[] = [];
  behaviour: SmtpBehaviour = { kind: 'accept' };
  readonly rejected = new Set<string>();
  /** RCPT TO addresses seen (accepted or not), in order: the attempts that reached the server. */
  readonly rcptTo: string[] = [];
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session: SMTPServerSession, callback) => {
        this.rcptTo.push(address.address);
        if (this.rejected.has(address.address)) {
          const error = Object.assign(new Error('5.1.1 mailbox unavailable'), {
            responseCode: 550,
          });
          return callback(error);
        }
        if (this.behaviour.kind === 'refuse') {
          const error = Object.assign(new Error('4.3.2 try again later'), { responseCode: 451 });
          return callback(error);
        }
        if (this.behaviour.kind === 'stall') return; // never answers
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '';
          this.received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            messageId,
            raw,
            text: decodedBody(raw),
          });
          callback();
        });
      },
    });
    // A client that goes away mid-transaction (a worker killed with SIGKILL) resets its socket;
    // the server reports that as an 'error' event, which unhandled would end the test process.
    this.server.on('error', (error: Error & { code?: string }) => {
      if (error.code !== 'ECONNRESET') throw error;
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  url(): string {
    return `smtp://127.0.0.1:${this.port}/?tls=off`;
  }

  /** How many RCPT TO commands named this address: a test counts its own recipient's only. */
  rcptAttemptsFor(address: string): number {
    return this.rcptTo.filter((a) => a === address).length;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** One SMS the stand-in gateway took. */
export interface ReceivedSms {
  receptor: string;
  message: string;
  localid: string;
  messageid: number;
}

/**
 * A local HTTP server shaped like Kavenegar's API: `POST /v1/{key}/sms/send.json` and
 * `GET /v1/{key}/sms/statuslocalmessageid.json`. It can fail the next calls (502), or take a
 * message and then lose its answer (the case the local id exists for).
 */
export class FakeSmsGateway {
  readonly sent: ReceivedSms[] = [];
  /** The next this-many send calls answer 502 without taking the message. */
  failNext = 0;
  /** The next this-many send calls take the message, then answer 502 as if the answer was lost. */
  loseAnswerNext = 0;
  sendCalls = 0;
  statusCalls = 0;
  private server?: Server;
  port = 0;

  async start(apiKey: string): Promise<this> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://gateway');
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (!url.pathname.startsWith(`/v1/${apiKey}/`)) {
          return answer(403, { return: { status: 403, message: 'invalid api key' } });
        }
        if (url.pathname.endsWith('/sms/statuslocalmessageid.json')) {
          this.statusCalls++;
          const localid = url.searchParams.get('localid') ?? '';
          const known = this.sent.find((s) => s.localid === localid);
          return answer(200, {
            return: { status: 200, message: 'تایید شد' },
            entries: [
              known
                ? { messageid: known.messageid, localid, status: 1 }
                : { messageid: 0, localid, status: -1 },
            ],
          });
        }
        if (url.pathname.endsWith('/sms/send.json') && req.method === 'POST') {
          this.sendCalls++;
          if (this.failNext > 0) {
            this.failNext--;
            return answer(502, { return: { status: 502, message: 'gateway busy' } });
          }
          const form = new URLSearchParams(body);
          const sms: ReceivedSms = {
            receptor: form.get('receptor') ?? '',
            message: form.get('message') ?? '',
            localid: form.get('localid') ?? '',
            messageid: 1000 + this.sent.length,
          };
          this.sent.push(sms);
          if (this.loseAnswerNext > 0) {
            this.loseAnswerNext--;
            return answer(502, { return: { status: 502, message: 'answer lost' } });
          }
          return answer(200, {
            return: { status: 200, message: 'تایید شد' },
            entries: [{ messageid: sms.messageid, status: 1, localid: sms.localid }],
          });
        }
        answer(404, { return: { status: 404, message: 'no such method' } });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  to(receptor: string): ReceivedSms[] {
    return this.sent.filter((s) => s.receptor === receptor);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
