import { createHmac } from 'node:crypto';
import { addDays } from '../../src/rules/dates';
import { toShanghaiDate } from '../../src/rules';
import { createLogger } from '../../src/runtime/logger';
import { type DispatcherOptions, NoticeDispatcher } from '../../src/domain/notice-delivery/dispatcher';
import { mailChannel } from '../../src/domain/notice-delivery/mail-channel';
import { smsWebhookChannel } from '../../src/domain/notice-delivery/sms-webhook-channel';
import type { DeliveryChannel } from '../../src/domain/notice-delivery/channel';
import { LONG_AGO_DAYS, startTestApp, type TestApp } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';
import { startSmtpReceiver } from '../support/smtp-receiver';
import { startSmsGateway } from '../support/sms-gateway';

/**
 * Notices reach people: the dispatcher against a real SMTP server (smtp-server) and a local SMS gateway (an
 * HTTP server), on the real stack's database. The dispatchers' clock is the test's: the backoff is stepped
 * through by moving it, not by waiting.
 */
const FROM = '信访通知 <notices@bureau.test>';
const TOKEN = 'gateway-token-0123456789';
const SECRET = 'gateway-signing-secret-0123456789abcdef';
const BACKOFF_MS = 30_000;
const LEASE_MS = 600_000;
/** Staff of the county bureau with no role: the event writer sends them nothing; the tests do. */
const STAFF = { login: 'notice-staff', email: 'staff@bureau.test', mobile: '+8613800000001' };
const MAIL_ONLY = { login: 'notice-mail-only', email: 'mail-only@bureau.test', mobile: null };
const NO_CONTACT = { login: 'notice-no-contact', email: null, mobile: null };
const LEAVER = { login: 'notice-leaver', email: 'leaver@bureau.test', mobile: null };
/** What the petitioner told the bureau: it stays there. */
const PETITIONER = {
  name: '王小明',
  phone: '13912345678',
  subject: '幸福小区电梯停运',
  description: '3号楼电梯自8月起停运',
};

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
let flow: PetitionFlow;
let petitionId: string;
let clock = Date.now();
const now = () => new Date(clock);
let sequence = 300_000;

const channels = (): DeliveryChannel[] => [
  mailChannel({ smtpUrl: smtp.url, from: FROM }),
  smsWebhookChannel({ url: gateway.url, token: TOKEN, secret: SECRET, timeoutMs: 300 }),
];
const settings = (overrides: Partial<DispatcherOptions> = {}) => ({
  channels: channels(),
  caseUrl: (id: string) => `https://petitions.bureau.test/cases/${id}`,
  maxAttempts: 3,
  backoffBaseMs: BACKOFF_MS,
  backoffMaxMs: 3_600_000,
  maxNoticeAgeMs: 86_400_000,
  leaseMs: LEASE_MS,
  now,
  ...overrides,
});
const dispatchers: NoticeDispatcher[] = [];
function dispatcher(overrides: Partial<DispatcherOptions> = {}): NoticeDispatcher {
  const d = new NoticeDispatcher({ ...settings(overrides), pool: app.pool, logger: createLogger('silent') });
  dispatchers.push(d);
  return d;
}

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  gateway = await startSmsGateway();
  // The API process's own dispatcher: on the test's clock, and a round only at start (the tests run theirs).
  app = await startTestApp('notice-delivery', {
    noticeDelivery: { ...settings(), intervalMs: 3_600_000 },
  });
  flow = new PetitionFlow(app);
  for (const user of [STAFF, MAIL_ONLY, NO_CONTACT, LEAVER]) {
    await app.pool.query(
      `INSERT INTO users (login, display_name, unit_id, roles, email, mobile)
       VALUES ($1, $1, 'qingshan-petition-bureau', '{}', $2, $3)
       ON CONFLICT (login) DO UPDATE SET active = true, email = $2, mobile = $3`,
      [user.login, user.email, user.mobile],
    );
  }
  // The outbox of the run's earlier test files (thousands of notices in the whole suite): taken up first, so
  // that each test's round finds its own notices (a round takes up at most 1 000).
  for (let round = 0; round < 100; round++) {
    const { delivered, retried, failed, skipped } = await dispatcher().runOnce();
    if (delivered + retried + failed + skipped === 0) break;
  }
  petitionId = await flow.register({
    petitioner: { name: PETITIONER.name, phone: PETITIONER.phone },
    subject: PETITIONER.subject,
    description: PETITIONER.description,
  });
});

afterAll(async () => {
  for (const d of dispatchers) await d.stop();
  await app?.stop();
  await gateway?.stop();
  await smtp?.stop();
});

/** A notice in the outbox, as the event writer leaves it. */
async function notice(
  recipient: string,
  payload: object = { text: '预警', event: 'deadline-warning', key: 'handle' },
) {
  const { rows } = await app.pool.query<{ id: string }>(
    `INSERT INTO notifications (recipient, petition_id, sequence, kind, payload)
     VALUES ($1, $2, $3, 'warning', $4) RETURNING id::text`,
    [recipient, petitionId, (sequence += 1), payload],
  );
  return rows[0]!.id;
}

async function deliveries(noticeId: string) {
  const { rows } = await app.pool.query(
    `SELECT channel, status, attempts, last_error AS "lastError", next_attempt_at AS "nextAttemptAt"
       FROM notification_deliveries WHERE notification_id = $1 ORDER BY channel`,
    [noticeId],
  );
  return rows as Array<{
    channel: string;
    status: string;
    attempts: number;
    lastError: string | null;
    nextAttemptAt: Date;
  }>;
}

const mailsFor = (noticeId: string) =>
  smtp.received.filter((m) => m.messageId === `<notice-${noticeId}@bureau.test>`);
const smsFor = (noticeId: string) => gateway.requests.filter((r) => r.body.id === noticeId);

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Rounds of one dispatcher until every given notice went out by mail and SMS (a round takes up at most 1 000
 * notices, and the whole suite's outbox may still hold more); the deliveries the rounds made.
 */
async function roundsUntilSent(noticeIds: string[]): Promise<number> {
  const d = dispatcher();
  let delivered = 0;
  for (let round = 0; round < 20; round++) {
    delivered += (await d.runOnce()).delivered;
    if (noticeIds.every((id) => mailsFor(id).length > 0 && smsFor(id).length > 0)) break;
  }
  return delivered;
}

describe('the dispatcher', () => {
  it("delivers the case's real notices by mail and SMS to the recipient's addresses, without the petitioner's data", async () => {
    // A petition received long ago: its warnings, supervision notice and escalation come at once.
    const overdue = await flow.register({
      receivedOn: addDays(toShanghaiDate(new Date()), -LONG_AGO_DAYS),
      petitioner: { name: PETITIONER.name, phone: PETITIONER.phone },
      subject: PETITIONER.subject,
      description: PETITIONER.description,
    });
    await until(async () => {
      const { rowCount } = await app.pool.query(
        `SELECT 1 FROM notifications WHERE petition_id = $1 AND kind = 'escalation'`,
        [overdue],
      );
      return rowCount ? true : undefined;
    }, 'the escalation notice');
    // The notices the event writer wrote for the bureau, as they would reach a member of its staff.
    const { rows } = await app.pool.query<{ id: string; kind: string }>(
      `INSERT INTO notifications (recipient, petition_id, sequence, kind, payload)
       SELECT DISTINCT ON (kind) $2::text, petition_id, sequence, kind, payload FROM notifications WHERE petition_id = $1
       ORDER BY kind, sequence RETURNING id::text, kind`,
      [overdue, STAFF.login],
    );
    expect(rows.map((r) => r.kind)).toEqual(expect.arrayContaining(['supervision-notice', 'escalation']));

    const delivered = await roundsUntilSent(rows.map((r) => r.id));
    expect(delivered).toBeGreaterThanOrEqual(rows.length * 2);

    for (const { id } of rows) {
      expect(await deliveries(id)).toEqual([
        expect.objectContaining({ channel: 'mail', status: 'delivered', attempts: 1, lastError: null }),
        expect.objectContaining({ channel: 'sms', status: 'delivered', attempts: 1, lastError: null }),
      ]);
      const [mail] = mailsFor(id);
      expect(mail!.to).toEqual([STAFF.email]);
      expect(mail!.subject).toContain(overdue);
      expect(mail!.text).toContain(`https://petitions.bureau.test/cases/${overdue}`);
      const [sms] = smsFor(id);
      expect(sms!.body).toEqual({ to: STAFF.mobile, text: expect.stringContaining(overdue), id });
      expect(sms!.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(sms!.headers['idempotency-key']).toBe(id);
      const signed = `${sms!.headers['x-petitionflow-timestamp']}.${sms!.raw}`;
      expect(sms!.headers['x-petitionflow-signature']).toBe(
        `sha256=${createHmac('sha256', SECRET).update(signed).digest('hex')}`,
      );
      for (const sent of [mail!.raw, mail!.subject, mail!.text, sms!.raw]) {
        for (const word of Object.values(PETITIONER)) expect(sent).not.toContain(word);
      }
    }
    // The supervision notice names the deadline it is about (its item and date: see the message's unit test).
    const supervision = mailsFor(rows.find((r) => r.kind === 'supervision-notice')!.id)[0]!;
    expect(supervision.text).toContain('About 事项: deadline route');
  });

  it('leaves out a free-text field that quotes the petitioner', async () => {
    const id = await notice(STAFF.login, {
      text: `报联席办 handle: ${PETITIONER.name} ${PETITIONER.phone}`,
      event: 'escalated',
      key: 'handle',
      reason: `${PETITIONER.name} ${PETITIONER.phone} ${PETITIONER.subject}`,
    });
    await roundsUntilSent([id]);
    const [mail] = mailsFor(id);
    const [sms] = smsFor(id);
    for (const sent of [mail!.raw, mail!.text, mail!.subject, sms!.raw]) {
      for (const word of Object.values(PETITIONER)) expect(sent).not.toContain(word);
    }
  });

  it('skips a channel the recipient has no address for, and says why', async () => {
    const mailOnly = await notice(MAIL_ONLY.login);
    const nobody = await notice(NO_CONTACT.login);
    const round = await dispatcher().runOnce();
    expect(round.skipped).toBeGreaterThanOrEqual(3);
    expect(await deliveries(mailOnly)).toEqual([
      expect.objectContaining({ channel: 'mail', status: 'delivered' }),
      expect.objectContaining({
        channel: 'sms',
        status: 'skipped',
        attempts: 0,
        lastError: 'the recipient has no mobile number',
      }),
    ]);
    expect(await deliveries(nobody)).toEqual([
      expect.objectContaining({
        channel: 'mail',
        status: 'skipped',
        lastError: 'the recipient has no mail address',
      }),
      expect.objectContaining({
        channel: 'sms',
        status: 'skipped',
        lastError: 'the recipient has no mobile number',
      }),
    ]);
    expect([
      mailsFor(mailOnly).length,
      smsFor(mailOnly).length,
      mailsFor(nobody).length,
      smsFor(nobody).length,
    ]).toEqual([1, 0, 0, 0]);
  });

  it('leaves a notice older than NOTICE_MAX_AGE_HOURS in the inbox (stale when channels are first configured)', async () => {
    const stale = await notice(STAFF.login);
    await app.pool.query(`UPDATE notifications SET created_at = now() - interval '25 hours' WHERE id = $1`, [
      stale,
    ]);
    await dispatcher().runOnce();
    expect(await deliveries(stale)).toEqual([]);
  });

  it('sends nothing more to a recipient deactivated while a notice waits for its next attempt', async () => {
    const d = dispatcher();
    const id = await notice(LEAVER.login);
    smtp.setMode(451);
    try {
      await d.runOnce();
    } finally {
      smtp.setMode('accept');
    }
    expect((await deliveries(id))[0]).toEqual(expect.objectContaining({ status: 'pending', attempts: 1 }));
    await app.pool.query('UPDATE users SET active = false WHERE login = $1', [LEAVER.login]);
    clock += BACKOFF_MS;
    await d.runOnce();
    expect((await deliveries(id))[0]).toEqual(
      expect.objectContaining({
        status: 'skipped',
        attempts: 2,
        lastError: expect.stringContaining('deactivated'),
      }),
    );
    expect(mailsFor(id)).toHaveLength(0);
  });

  it('retries a refusing mail server (4xx, then 5xx) and a failing gateway (500, then no answer) with backoff, and delivers once when they recover', async () => {
    const d = dispatcher();
    const id = await notice(STAFF.login);
    smtp.setMode(451);
    gateway.setMode('fail');
    await d.runOnce();
    let rows = await deliveries(id);
    expect(rows).toEqual([
      expect.objectContaining({
        channel: 'mail',
        status: 'pending',
        attempts: 1,
        lastError: expect.stringContaining('451'),
      }),
      expect.objectContaining({
        channel: 'sms',
        status: 'pending',
        attempts: 1,
        lastError: expect.stringContaining('500'),
      }),
    ]);
    expect(rows.map((r) => r.nextAttemptAt.getTime())).toEqual([clock + BACKOFF_MS, clock + BACKOFF_MS]);

    // Not due before its time.
    clock += BACKOFF_MS - 1;
    await d.runOnce();
    expect((await deliveries(id)).map((r) => r.attempts)).toEqual([1, 1]);

    // The second attempt: refused for good by the server, no answer from the gateway; the wait doubles.
    clock += 1;
    smtp.setMode(550);
    gateway.setMode('hang');
    await d.runOnce();
    rows = await deliveries(id);
    expect(rows).toEqual([
      expect.objectContaining({ status: 'pending', attempts: 2, lastError: expect.stringContaining('550') }),
      expect.objectContaining({
        status: 'pending',
        attempts: 2,
        lastError: 'SMS gateway: no answer within 300 ms',
      }),
    ]);
    expect(rows.map((r) => r.nextAttemptAt.getTime())).toEqual([
      clock + 2 * BACKOFF_MS,
      clock + 2 * BACKOFF_MS,
    ]);

    // Recovered: delivered at the third attempt, and never again.
    clock += 2 * BACKOFF_MS;
    smtp.setMode('accept');
    gateway.setMode('accept');
    await d.runOnce();
    clock += 10 * BACKOFF_MS;
    await d.runOnce();
    expect(await deliveries(id)).toEqual([
      expect.objectContaining({ status: 'delivered', attempts: 3, lastError: null }),
      expect.objectContaining({ status: 'delivered', attempts: 3, lastError: null }),
    ]);
    expect(mailsFor(id)).toHaveLength(1);
    // The gateway saw the unanswered attempt too: the same id, for it to drop; it accepted one.
    expect(smsFor(id).map((r) => r.answered)).toEqual([500, undefined, 200]);
  });

  it('gives up after the last attempt, lists the failure for admins and counts it on /metrics', async () => {
    const d = dispatcher();
    const id = await notice(STAFF.login);
    smtp.setMode(550);
    try {
      for (let attempt = 1; attempt <= 3; attempt++) {
        await d.runOnce();
        clock += BACKOFF_MS * 2 ** (attempt - 1);
      }
      await d.runOnce();
    } finally {
      smtp.setMode('accept');
    }
    expect((await deliveries(id))[0]).toEqual(
      expect.objectContaining({
        channel: 'mail',
        status: 'failed',
        attempts: 3,
        lastError: expect.stringContaining('550'),
      }),
    );
    expect(mailsFor(id)).toHaveLength(0);

    const list = await app.request(
      'admin',
      'GET',
      '/api/notifications/deliveries?status=failed&channel=mail',
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({
        noticeId: id,
        channel: 'mail',
        status: 'failed',
        attempts: 3,
        recipient: STAFF.login,
        petitionId,
        nextAttemptAt: null,
        lastError: expect.stringContaining('550'),
      }),
    );
    expect(list.body.items.every((item: { status: string }) => item.status === 'failed')).toBe(true);
    const bySupervisor = await app.request(
      'supervisor',
      'GET',
      '/api/notifications/deliveries?status=failed',
    );
    expect(bySupervisor.body.items.map((i: { noticeId: string }) => i.noticeId)).toContain(id);
    // A handler: not for it to see.
    const handler = await app.request('handler', 'GET', '/api/notifications/deliveries');
    expect([handler.status, handler.body.error.code]).toEqual([403, 'forbidden']);
    const bad = await app.request('admin', 'GET', '/api/notifications/deliveries?status=lost');
    expect([bad.status, bad.body.error.code]).toEqual([422, 'validation_failed']);

    const counted = await d.metrics.registry.metrics();
    expect(counted).toContain('petitionflow_notice_deliveries_total{channel="mail",outcome="retry"} 2');
    expect(counted).toContain('petitionflow_notice_deliveries_total{channel="mail",outcome="failed"} 1');
    const scraped = await fetch(`${app.baseUrl}/metrics`).then((r) => r.text());
    const failed = /^petitionflow_notice_deliveries\{channel="mail",status="failed"\} (\d+)$/m.exec(scraped);
    expect(Number(failed?.[1])).toBeGreaterThanOrEqual(1);
    expect(scraped).toMatch(
      /^petitionflow_notice_deliveries_total\{channel="sms",outcome="delivered"\} \d+$/m,
    );
  });

  it('pages the list of deliveries by its cursor', async () => {
    const ids = [await notice(STAFF.login), await notice(STAFF.login)];
    await dispatcher().runOnce();
    // From just above the newer one down; other notices of the region may lie between them.
    const mine: string[] = [];
    let before = String(BigInt(ids[1]!) + 1n);
    for (let page = 0; page < 50 && mine.length < 4 && before; page++) {
      const { body } = await app.request(
        'admin',
        'GET',
        `/api/notifications/deliveries?pageSize=1&before=${before}`,
      );
      expect(body.items).toHaveLength(1);
      const item = body.items[0] as { noticeId: string; channel: string };
      if (ids.includes(item.noticeId)) mine.push(`${item.noticeId}:${item.channel}`);
      before = body.next;
    }
    expect(mine).toEqual([`${ids[1]}:sms`, `${ids[1]}:mail`, `${ids[0]}:sms`, `${ids[0]}:mail`]);
  });

  it('has two dispatchers at once send each notice once per channel', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, () => notice(STAFF.login)));
    const [a, b] = [dispatcher({ batchSize: 3 }), dispatcher({ batchSize: 3 })];
    const rounds = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(rounds[0].delivered + rounds[1].delivered).toBeGreaterThanOrEqual(24);
    for (const id of ids) {
      expect([mailsFor(id).length, smsFor(id).length]).toEqual([1, 1]);
    }
  });

  it('lets another dispatcher take over a delivery whose sender died, after its lease, with the same id', async () => {
    // A sender that hands the mail over and then never comes back (a process killed before it records it).
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const mail = mailChannel({ smtpUrl: smtp.url, from: FROM });
    const dying: DeliveryChannel = {
      name: 'mail',
      describe: mail.describe,
      send: async (outgoing) => {
        await mail.send(outgoing);
        await released;
        throw new Error('the process died');
      },
      close: () => mail.close(),
    };
    const id = await notice(STAFF.login);
    const first = dispatcher({ channels: [dying] });
    const stuck = first.runOnce();
    await until(async () => (mailsFor(id).length ? true : undefined), 'the first copy');

    const second = dispatcher({ channels: [mailChannel({ smtpUrl: smtp.url, from: FROM })] });
    await second.runOnce();
    expect(mailsFor(id)).toHaveLength(1); // still the first sender's
    clock += LEASE_MS;
    await second.runOnce();
    expect(mailsFor(id)).toHaveLength(2);
    expect(new Set(mailsFor(id).map((m) => m.messageId)).size).toBe(1);
    expect((await deliveries(id))[0]).toEqual(expect.objectContaining({ status: 'delivered', attempts: 2 }));

    // The first sender's late outcome changes nothing: delivered stays delivered, and nothing is sent again.
    release();
    await stuck;
    clock += LEASE_MS;
    await second.runOnce();
    expect((await deliveries(id))[0]).toEqual(expect.objectContaining({ status: 'delivered', attempts: 2 }));
    expect(mailsFor(id)).toHaveLength(2);
  });

  it('never holds up a transition: the case moves while the gateway does not answer', async () => {
    gateway.setMode('hang');
    try {
      const id = await notice(STAFF.login);
      let roundDone = false;
      const round = dispatcher({ channels: [smsWebhookChannel({ url: gateway.url, timeoutMs: 60_000 })] })
        .runOnce()
        .finally(() => (roundDone = true));
      await until(async () => (smsFor(id).length ? true : undefined), 'the unanswered request');
      const moved = await flow.transferred();
      expect((await flow.get('registrar', moved)).status).toBe('transferred');
      expect(roundDone).toBe(false);
      gateway.dropHanging();
      await round;
      expect((await deliveries(id)).find((r) => r.channel === 'sms')).toEqual(
        expect.objectContaining({
          status: 'pending',
          attempts: 1,
          lastError: expect.stringMatching(/^SMS gateway: /),
        }),
      );
    } finally {
      gateway.setMode('accept');
    }
  });
});
