import { z } from 'zod';

/**
 * How notices leave the database (issue 20): mail over SMTP, SMS through an HTTP gateway. Every setting is
 * optional: a channel without its URL is skipped (the API says so at start), and with neither nothing is sent.
 * Part of the process configuration (config.ts).
 */
const optional = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));
const seconds = (min: number, max: number) => z.coerce.number().min(min).max(max);

export const NOTICE_DELIVERY_SETTINGS = {
  /** `smtp://user:password@host:587` (STARTTLS when the server offers it) or `smtps://…:465`. */
  SMTP_URL: optional.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/[^/\s]+/, 'must be smtp://[user:password@]host[:port] or smtps://…')
      .optional(),
  ),
  /** The sender of the mails, e.g. `信访通知 <notices@bureau.example.gov.cn>`; required with SMTP_URL. */
  MAIL_FROM: optional,
  /** The SMS gateway's endpoint: POST { to, text, id } (docs/operations.md). */
  SMS_WEBHOOK_URL: optional.pipe(
    z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  ),
  /** Sent as `Authorization: Bearer <token>` when set. */
  SMS_WEBHOOK_TOKEN: optional.pipe(
    z.string().min(16, 'SMS_WEBHOOK_TOKEN must be at least 16 characters').optional(),
  ),
  /** Signs each request (HMAC-SHA256, `X-Petitionflow-Signature`) when set. */
  SMS_WEBHOOK_SECRET: optional.pipe(
    z.string().min(32, 'SMS_WEBHOOK_SECRET must be at least 32 characters').optional(),
  ),
  /** How long the gateway may take to answer before the attempt counts as failed. */
  SMS_WEBHOOK_TIMEOUT_SECONDS: seconds(1, 300).default(10),
  /** The link a notice carries to its case; `{id}` is replaced by the case number. */
  NOTICE_CASE_URL: optional.pipe(z.string().includes('{id}', { message: 'must contain {id}' }).optional()),
  /** Attempts per notice and channel before it is marked failed (and listed for the admins). */
  NOTICE_DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  /** The wait after the first failed attempt; it doubles after each further one, up to the maximum below. */
  NOTICE_DELIVERY_BACKOFF_SECONDS: seconds(0.01, 3600).default(30),
  NOTICE_DELIVERY_MAX_BACKOFF_SECONDS: seconds(1, 86_400).default(3600),
  /** How often the dispatcher looks for new and due notices. */
  NOTICE_DELIVERY_INTERVAL_SECONDS: seconds(0.1, 3600).default(5),
  /** A notice older than this when the dispatcher first sees it is not sent (it is stale by then). */
  NOTICE_MAX_AGE_HOURS: seconds(1, 24 * 30).default(24),
};

/** The cross-field rule: a problem to report, or undefined. */
export function noticeDeliveryProblem(settings: {
  SMTP_URL?: string;
  MAIL_FROM?: string;
}): string | undefined {
  if (settings.SMTP_URL && !settings.MAIL_FROM)
    return 'MAIL_FROM must be set with SMTP_URL (the sender of the mails)';
  return undefined;
}
