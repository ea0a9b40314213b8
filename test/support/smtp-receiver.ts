import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as the SMTP server accepted it: the envelope's recipients, its headers, and its decoded text. */
export interface ReceivedMail {
  to: string[];
  messageId: string;
  subject: string;
  text: string;
  raw: string;
}

/** How the server answers: accept, or refuse the message with a temporary (4xx) or permanent (5xx) reply. */
export type SmtpMode = 'accept' | 451 | 550;

/**
 * A real SMTP server (the smtp-server package) on a free port of the loopback interface, that keeps what it
 * accepts and refuses on demand: the receiving end of the dispatcher's mail channel.
 */
export async function startSmtpReceiver() {
  const received: ReceivedMail[] = [];
  let mode: SmtpMode = 'accept';
  let refused = 0;
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (mode !== 'accept') {
          refused += 1;
          const err = Object.assign(new Error(mode === 451 ? 'Try again later' : 'Mailbox unavailable'), {
            responseCode: mode,
          });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({ ...parseMail(raw), to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refusedCount: () => refused,
    setMode(next: SmtpMode) {
      mode = next;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The headers and the text of a single-part mail, decoded (nodemailer writes quoted-printable or base64). */
function parseMail(raw: string): Omit<ReceivedMail, 'to' | 'raw'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return { messageId: header('Message-ID'), subject: decodeWords(header('Subject')), text };
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=` / `=?UTF-8?Q?…?=`), as nodemailer writes a non-ASCII subject. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}
