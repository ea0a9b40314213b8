import type { Pool } from 'pg';
import { regionSubtree } from './organisation';

/** The channels a notice can leave by, and the user's column each sends to. */
export const DELIVERY_CHANNELS = ['mail', 'sms'] as const;
export type DeliveryChannelName = (typeof DELIVERY_CHANNELS)[number];
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Takes up the notices of the last `since` that a channel has not seen yet: a row per notice and channel,
 * pending, or skipped when the recipient has no address for it (or was deactivated). Idempotent: a row that
 * exists stays as it is, so several dispatchers may run this at once. Returns the rows taken up, by status.
 */
export async function takeUpNotices(
  pool: Pool,
  options: { channels: readonly DeliveryChannelName[]; since: Date; now: Date; limit: number },
): Promise<Array<{ channel: DeliveryChannelName; status: DeliveryStatus }>> {
  const { rows } = await pool.query(
    `INSERT INTO notification_deliveries
            (notification_id, channel, status, next_attempt_at, last_error, created_at, updated_at)
     SELECT n.id, c.channel,
            CASE WHEN u.active AND c.address IS NOT NULL THEN 'pending' ELSE 'skipped' END,
            $3, CASE WHEN NOT u.active THEN 'the recipient is deactivated'
                     WHEN c.address IS NULL THEN 'the recipient has no ' || c.what END,
            $3, $3
       FROM notifications n
       JOIN users u ON u.login = n.recipient
      CROSS JOIN LATERAL (VALUES ('mail', u.email, 'mail address'), ('sms', u.mobile, 'mobile number'))
            AS c (channel, address, what)
      WHERE n.created_at > $2 AND c.channel = ANY ($1::text[])
        AND NOT EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.notification_id = n.id AND d.channel = c.channel)
      ORDER BY n.id
      LIMIT $4
     ON CONFLICT (notification_id, channel) DO NOTHING
     RETURNING channel, status`,
    [options.channels, options.since, options.now, options.limit],
  );
  return rows;
}

/** A delivery claimed for one attempt, with what the message is built from and where it goes. */
export interface ClaimedDelivery {
  noticeId: string;
  channel: DeliveryChannelName;
  /** This attempt's number (1 for the first): the claim's token when its outcome is recorded. */
  attempt: number;
  /** Null when the recipient has no address for the channel any more, or has been deactivated since. */
  address: string | null;
  recipient: string;
  petitionId: string;
  kind: string;
  payload: Record<string, unknown>;
}

/**
 * Claims up to `limit` due deliveries for one attempt each: a lease until `leaseUntil` (the row is not due
 * again before then, so another dispatcher skips it; if this one dies, the row comes due when the lease ends).
 * SKIP LOCKED: dispatchers claiming at once take different rows instead of waiting for each other.
 */
export async function claimDue(
  pool: Pool,
  options: { channels: readonly DeliveryChannelName[]; now: Date; leaseUntil: Date; limit: number },
): Promise<ClaimedDelivery[]> {
  const { rows } = await pool.query<ClaimedDelivery>(
    `WITH due AS (
       SELECT notification_id, channel FROM notification_deliveries
        WHERE status = 'pending' AND next_attempt_at <= $2 AND channel = ANY ($1::text[])
        ORDER BY next_attempt_at
        LIMIT $4
          FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE notification_deliveries d
          SET attempts = d.attempts + 1, lease_until = $3, next_attempt_at = $3, updated_at = $2
         FROM due WHERE d.notification_id = due.notification_id AND d.channel = due.channel
       RETURNING d.notification_id, d.channel, d.attempts
     )
     SELECT c.notification_id::text AS "noticeId", c.channel, c.attempts AS attempt,
            CASE WHEN NOT u.active THEN NULL WHEN c.channel = 'mail' THEN u.email ELSE u.mobile END AS address,
            n.recipient, n.petition_id AS "petitionId", n.kind, n.payload
       FROM claimed c
       JOIN notifications n ON n.id = c.notification_id
       JOIN users u ON u.login = n.recipient`,
    [options.channels, options.now, options.leaseUntil, options.limit],
  );
  return rows;
}

type Key = Pick<ClaimedDelivery, 'noticeId' | 'channel' | 'attempt'>;

/**
 * Delivered: never sent again. Whatever attempt it was: a slow sender whose lease another one took over has
 * still delivered it (the receiver drops the second copy by its id).
 */
export async function recordDelivered(pool: Pool, key: Key, now: Date): Promise<void> {
  await pool.query(
    `UPDATE notification_deliveries
        SET status = 'delivered', delivered_at = $3, lease_until = NULL, last_error = NULL, updated_at = $3
      WHERE notification_id = $1 AND channel = $2 AND status = 'pending'`,
    [key.noticeId, key.channel, now],
  );
}

/**
 * A failed attempt: due again at `retryAt`, or failed for good when there is none. Only for the attempt that
 * holds the claim: a sender whose lease ran out and was taken over does not overwrite the newer attempt.
 */
export async function recordFailure(
  pool: Pool,
  key: Key,
  error: string,
  retryAt: Date | undefined,
  now: Date,
): Promise<void> {
  await pool.query(
    `UPDATE notification_deliveries
        SET status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
            next_attempt_at = coalesce($4, next_attempt_at), lease_until = NULL, last_error = $5, updated_at = $6
      WHERE notification_id = $1 AND channel = $2 AND attempts = $3 AND status = 'pending'`,
    [key.noticeId, key.channel, key.attempt, retryAt ?? null, error, now],
  );
}

/** Nowhere to send it any more (the address was removed, or the recipient deactivated, since it was taken up). */
export async function recordSkipped(pool: Pool, key: Key, reason: string, now: Date): Promise<void> {
  await pool.query(
    `UPDATE notification_deliveries SET status = 'skipped', lease_until = NULL, last_error = $4, updated_at = $5
      WHERE notification_id = $1 AND channel = $2 AND attempts = $3 AND status = 'pending'`,
    [key.noticeId, key.channel, key.attempt, reason, now],
  );
}

/** What /metrics shows of the table: rows waiting and failed, and the age of the oldest waiting one. */
export async function deliveryBacklog(
  pool: Pool,
): Promise<Array<{ channel: string; status: string; count: number; oldestSeconds: number | null }>> {
  const { rows } = await pool.query(
    `SELECT channel, status, count(*)::int AS count,
            extract(epoch FROM now() - min(created_at))::float8 AS "oldestSeconds"
       FROM notification_deliveries WHERE status IN ('pending', 'failed')
      GROUP BY channel, status`,
  );
  return rows;
}

export interface DeliveryRow {
  noticeId: string;
  channel: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  updatedAt: string;
  recipient: string;
  unitId: string;
  petitionId: string;
  kind: string;
}

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/**
 * The deliveries to the users of a region and the regions below it (or, for a unit without a region, of that
 * unit), newest notice first: keyset on (notice id, channel), for the admins' list of failures.
 */
export async function listDeliveries(
  pool: Pool,
  options: {
    scope: { regionId: string } | { unitId: string };
    status?: DeliveryStatus;
    channel?: DeliveryChannelName;
    before?: { noticeId: string; channel?: string };
    limit: number;
  },
): Promise<DeliveryRow[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (condition: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if ('regionId' in options.scope)
    add((p) => `un.region_id IN (${regionSubtree(p)})`, options.scope.regionId);
  else add((p) => `u.unit_id = ${p}`, options.scope.unitId);
  if (options.status) add((p) => `d.status = ${p}`, options.status);
  if (options.channel) add((p) => `d.channel = ${p}`, options.channel);
  const before = options.before;
  if (before?.channel) {
    params.push(before.noticeId, before.channel);
    where.push(`(d.notification_id, d.channel) < ($${params.length - 1}::bigint, $${params.length}::text)`);
  } else if (before) add((p) => `d.notification_id < ${p}::bigint`, before.noticeId);
  const { rows } = await pool.query<DeliveryRow>(
    `SELECT d.notification_id::text AS "noticeId", d.channel, d.status, d.attempts, d.last_error AS "lastError",
            CASE WHEN d.status = 'pending' THEN ${utc('d.next_attempt_at')} END AS "nextAttemptAt",
            ${utc('d.delivered_at')} AS "deliveredAt", ${utc('d.updated_at')} AS "updatedAt",
            n.recipient, u.unit_id AS "unitId", n.petition_id AS "petitionId", n.kind
       FROM notification_deliveries d
       JOIN notifications n ON n.id = d.notification_id
       JOIN users u ON u.login = n.recipient
       JOIN units un ON un.id = u.unit_id
      WHERE ${where.join(' AND ')}
      ORDER BY d.notification_id DESC, d.channel DESC
      LIMIT ${options.limit}`,
    params,
  );
  return rows;
}
