import nodemailer from 'nodemailer';
import type { DeliveryChannel, Outgoing } from './channel';

/**
 * Mail over SMTP (nodemailer). The Message-ID is derived from the notice id, so a mail sent twice (a retry
 * after an answer that was lost) carries the same id and the recipient's mail system can drop the copy.
 */
export function mailChannel(options: { smtpUrl: string; from: string }): DeliveryChannel {
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    // A server that hangs counts as a failed attempt, soon, rather than holding the claim.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const domain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'petitionflow.invalid';
  const url = new URL(options.smtpUrl);
  return {
    name: 'mail',
    describe: `mail via ${url.protocol}//${url.host} from ${options.from}`,
    async send(outgoing: Outgoing) {
      await transport.sendMail({
        from: options.from,
        to: outgoing.address,
        subject: outgoing.message.subject,
        text: outgoing.message.text,
        messageId: `<notice-${outgoing.noticeId}@${domain}>`,
        headers: { 'X-Petitionflow-Notice': outgoing.noticeId },
      });
    },
    close: async () => transport.close(),
  };
}
