import type { Config } from '../config';
import type { DeliveryChannel } from '../domain/notice-delivery/channel';
import type { DispatcherOptions } from '../domain/notice-delivery/dispatcher';
import { mailChannel } from '../domain/notice-delivery/mail-channel';
import { smsWebhookChannel } from '../domain/notice-delivery/sms-webhook-channel';

/** What the API process needs to run the dispatcher: its settings without the pool and the logger. */
export type NoticeDeliverySettings = Omit<DispatcherOptions, 'pool' | 'logger'> & { intervalMs: number };

/**
 * The dispatcher's settings from the configuration, and the lines that say at start which channels are on and
 * which are skipped. No channel configured: no dispatcher (the notices stay in the inbox).
 */
export function noticeDeliveryFrom(
  config: Config,
  apiPort: number,
): { settings?: NoticeDeliverySettings; lines: string[] } {
  const channels: DeliveryChannel[] = [];
  const lines: string[] = [];
  if (config.SMTP_URL && config.MAIL_FROM) {
    channels.push(mailChannel({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM }));
  } else lines.push('Notices by mail: off (SMTP_URL is not set); mail is skipped');
  if (config.SMS_WEBHOOK_URL) {
    channels.push(
      smsWebhookChannel({
        url: config.SMS_WEBHOOK_URL,
        token: config.SMS_WEBHOOK_TOKEN,
        secret: config.SMS_WEBHOOK_SECRET,
        timeoutMs: config.SMS_WEBHOOK_TIMEOUT_SECONDS * 1000,
      }),
    );
  } else lines.push('Notices by SMS: off (SMS_WEBHOOK_URL is not set); SMS is skipped');
  for (const channel of channels)
    lines.unshift(`Notices by ${channel.name === 'sms' ? 'SMS' : 'mail'}: ${channel.describe}`);
  if (channels.length === 0) return { lines };
  const template = config.NOTICE_CASE_URL ?? `http://localhost:${apiPort}/api/petitions/{id}`;
  if (!config.NOTICE_CASE_URL) {
    lines.push(`Notices link to ${template}: set NOTICE_CASE_URL to the address staff open a case at`);
  }
  return {
    lines,
    settings: {
      channels,
      caseUrl: (id) => template.replaceAll('{id}', id),
      maxAttempts: config.NOTICE_DELIVERY_MAX_ATTEMPTS,
      backoffBaseMs: config.NOTICE_DELIVERY_BACKOFF_SECONDS * 1000,
      backoffMaxMs: config.NOTICE_DELIVERY_MAX_BACKOFF_SECONDS * 1000,
      maxNoticeAgeMs: config.NOTICE_MAX_AGE_HOURS * 3_600_000,
      intervalMs: config.NOTICE_DELIVERY_INTERVAL_SECONDS * 1000,
    },
  };
}
