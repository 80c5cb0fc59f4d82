import { createTransport } from 'nodemailer';
import { type NotificationChannel, type OutgoingMessage, PermanentDeliveryError } from './channel';
import { withoutAddresses } from '../../common/redaction';

/** SMTP reply codes 5xx are permanent (RFC 5321 §4.2.1); 4xx and connection failures are not. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * E-mail over SMTP (nodemailer). Each message carries a Message-ID made from its delivery id,
 * so the one duplicate this channel cannot rule out — the worker dying after the server
 * accepted the message and before the delivery was recorded as sent — reaches the mailbox as
 * the same message, which mail clients show once.
 */
export class EmailChannel implements NotificationChannel {
  private readonly transport;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly messageIdDomain = 'vehicle-permit.invalid',
  ) {
    const url = new URL(smtpUrl);
    const secure = url.protocol === 'smtps:';
    this.transport = createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      // Loopback servers (tests, a local relay) need no TLS; anything else is asked for STARTTLS.
      ignoreTLS: url.searchParams.get('tls') === 'off',
      requireTLS: !secure && url.searchParams.get('tls') === 'required',
      // Fail an attempt in seconds rather than hang it; the activity retries.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async send(message: OutgoingMessage): Promise<{ providerRef?: string }> {
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: `<${message.idempotencyKey}@${this.messageIdDomain}>`,
        headers: { 'X-Delivery-Id': message.idempotencyKey },
      });
      return {
        providerRef: typeof info.response === 'string' ? info.response.slice(0, 200) : undefined,
      };
    } catch (error) {
      const reason = withoutAddresses(error instanceof Error ? error.message : String(error));
      if (isPermanent(error)) throw new PermanentDeliveryError(`SMTP refused: ${reason}`);
      throw new Error(`SMTP failed: ${reason}`);
    }
  }

  close(): void {
    this.transport.close();
  }
}
