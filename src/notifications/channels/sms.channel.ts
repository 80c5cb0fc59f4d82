import type { Logger } from 'pino';
import { type NotificationChannel, type OutgoingMessage, PermanentDeliveryError } from './channel';
import { withoutAddresses } from '../../common/redaction';

/** A numeric local id for a delivery (Kavenegar's `localid` is a number): 15 hex digits of it. */
export function localIdOf(idempotencyKey: string): string {
  return BigInt(`0x${idempotencyKey.replace(/-/g, '').slice(0, 15)}`).toString(10);
}

/** Kavenegar's `return.status` values that no retry fixes (400 bad input, 403 key, 411 number …). */
const PERMANENT_STATUSES = new Set([
  400, 401, 403, 404, 405, 407, 409, 411, 412, 413, 414, 422, 424,
]);

interface KavenegarAnswer {
  return?: { status?: number; message?: string };
  entries?: { messageid?: number | string; status?: number; localid?: string | number }[];
}

/**
 * SMS through an HTTP gateway shaped like Kavenegar's REST API
 * (`POST {base}/v1/{apiKey}/sms/send.json` with `receptor`, `sender`, `message`, `localid`;
 * `GET …/sms/statuslocalmessageid.json?localid=`). On a retry it first asks the gateway whether
 * the message with this delivery's local id already went out, and sends only if it did not.
 */
export class KavenegarSmsChannel implements NotificationChannel {
  constructor(
    private readonly options: {
      baseUrl: string;
      apiKey: string;
      sender: string;
      timeoutMs?: number;
    },
  ) {}

  async send(message: OutgoingMessage, retry: boolean): Promise<{ providerRef?: string }> {
    const localid = localIdOf(message.idempotencyKey);
    if (retry) {
      const known = await this.call('sms/statuslocalmessageid.json', { localid }, 'GET');
      const entry = known.entries?.find(
        (e) => e.messageid !== undefined && Number(e.messageid) > 0,
      );
      if (entry) return { providerRef: String(entry.messageid) };
    }
    const answer = await this.call(
      'sms/send.json',
      { receptor: message.to, sender: this.options.sender, message: message.text, localid },
      'POST',
    );
    const messageId = answer.entries?.[0]?.messageid;
    return { providerRef: messageId === undefined ? undefined : String(messageId) };
  }

  private async call(
    path: string,
    params: Record<string, string>,
    method: 'GET' | 'POST',
  ): Promise<KavenegarAnswer> {
    const url = new URL(
      `v1/${encodeURIComponent(this.options.apiKey)}/${path}`,
      this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`,
    );
    const body = new URLSearchParams(params);
    if (method === 'GET') url.search = body.toString();
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
        body: method === 'POST' ? body : undefined,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new Error(
        `SMS gateway unreachable: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    let answer: KavenegarAnswer = {};
    try {
      answer = (await response.json()) as KavenegarAnswer;
    } catch {
      // A gateway in trouble may answer HTML; the HTTP status decides below.
    }
    const status = answer.return?.status ?? response.status;
    if (status === 200) return answer;
    const reason = withoutAddresses(
      `SMS gateway answered ${status}${answer.return?.message ? ` (${answer.return.message})` : ''}`,
    );
    if (PERMANENT_STATUSES.has(status)) throw new PermanentDeliveryError(reason);
    throw new Error(reason);
  }
}

/** Development: writes that an SMS would go out (never the number or the text) and succeeds. */
export class LoggingSmsChannel implements NotificationChannel {
  constructor(private readonly log: Pick<Logger, 'info'>) {}

  send(message: OutgoingMessage): Promise<{ providerRef?: string }> {
    this.log.info(
      { deliveryId: message.idempotencyKey, length: message.text.length },
      'SMS (logging provider): not sent to any gateway',
    );
    return Promise.resolve({ providerRef: 'not sent (SMS_PROVIDER=log)' });
  }
}
