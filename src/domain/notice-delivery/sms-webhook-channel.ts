import { createHmac } from 'node:crypto';
import type { DeliveryChannel, Outgoing } from './channel';

/**
 * SMS through an HTTP gateway: `POST <url>` with `{ "to": "+86…", "text": "…", "id": "<notice id>" }`, the shape
 * most SMS platforms (or a small adapter in front of one) accept. Any 2xx is accepted; anything else, or no
 * answer within the timeout, is a failed attempt. `id` (also the Idempotency-Key header) is the notice's id, so
 * the gateway can drop a second copy. Optionally a bearer token, and an HMAC-SHA256 signature of
 * `<timestamp>.<body>` (docs/operations.md).
 */
export function smsWebhookChannel(options: {
  url: string;
  token?: string;
  secret?: string;
  timeoutMs: number;
}): DeliveryChannel {
  const url = new URL(options.url);
  return {
    name: 'sms',
    describe: `SMS via ${url.origin}${url.pathname}`,
    async send(outgoing: Outgoing) {
      const body = JSON.stringify({
        to: outgoing.address,
        text: outgoing.message.short,
        id: outgoing.noticeId,
      });
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'idempotency-key': outgoing.noticeId,
      };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.secret) {
        const timestamp = String(Math.floor(Date.now() / 1000));
        headers['x-petitionflow-timestamp'] = timestamp;
        headers['x-petitionflow-signature'] =
          `sha256=${createHmac('sha256', options.secret).update(`${timestamp}.${body}`).digest('hex')}`;
      }
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers,
          body,
          redirect: 'error',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (err) {
        const error = err as Error & { cause?: Error };
        const reason =
          error.name === 'TimeoutError'
            ? `no answer within ${options.timeoutMs} ms`
            : (error.cause?.message ?? error.message);
        throw new Error(`SMS gateway: ${reason}`, { cause: err });
      }
      const answer = await response.text().catch(() => '');
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}: ${answer.slice(0, 200)}`);
    },
    close: async () => undefined,
  };
}
