import type { Logger } from 'pino';
import type { NotificationChannels } from '../../../activities/notification-delivery.activities';
import type { AppConfig } from '../../config/configuration';
import { EmailChannel } from './email.channel';
import { KavenegarSmsChannel, LoggingSmsChannel } from './sms.channel';

/** The channels the configuration names: SMTP when SMTP_URL is set; the SMS provider chosen. */
export function channelsFor(config: AppConfig, log: Pick<Logger, 'info'>): NotificationChannels {
  const { smtp, sms } = config.notifications;
  return {
    email: smtp ? new EmailChannel(smtp.url, smtp.from) : undefined,
    sms:
      sms.provider === 'kavenegar'
        ? new KavenegarSmsChannel({
            baseUrl: sms.gatewayUrl,
            apiKey: sms.apiKey,
            sender: sms.sender,
          })
        : new LoggingSmsChannel(log),
  };
}
