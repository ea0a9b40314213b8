-- Up Migration

-- Notices reach people (issue 20): one row per notice and channel (mail, sms) that the dispatcher has taken
-- up. `pending` rows wait for their next attempt (exponential backoff); a claim is a lease, so that of several
-- API processes one sends a given row at a time and a crashed sender's row is taken up again when its lease
-- has passed; `delivered` rows are never sent again; `failed` rows gave up after the last attempt; `skipped`
-- rows had nowhere to go (the recipient has no mail address / mobile number, or was deactivated).
ALTER TABLE notification_deliveries
  ALTER COLUMN delivered_at DROP NOT NULL,
  ALTER COLUMN delivered_at DROP DEFAULT,
  ADD COLUMN status text NOT NULL DEFAULT 'delivered'
    CHECK (status IN ('pending', 'delivered', 'failed', 'skipped')),
  ADD COLUMN attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN lease_until timestamptz,
  ADD COLUMN last_error text,
  ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
-- Rows written before delivered_at was optional were deliveries; new rows start pending.
ALTER TABLE notification_deliveries ALTER COLUMN status SET DEFAULT 'pending';

-- The dispatcher's work: due rows, oldest first.
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at)
  WHERE status = 'pending';
-- The admins' list of failed (or pending) deliveries, newest first.
CREATE INDEX notification_deliveries_status_idx ON notification_deliveries (status, notification_id DESC);
-- The dispatcher's scan for notices it has not taken up yet: the recent ones only.
CREATE INDEX notifications_created_idx ON notifications (created_at);

-- Down Migration
DROP INDEX notifications_created_idx;
DROP INDEX notification_deliveries_status_idx;
DROP INDEX notification_deliveries_due_idx;
DELETE FROM notification_deliveries WHERE status <> 'delivered';
ALTER TABLE notification_deliveries
  DROP COLUMN updated_at,
  DROP COLUMN created_at,
  DROP COLUMN last_error,
  DROP COLUMN lease_until,
  DROP COLUMN next_attempt_at,
  DROP COLUMN attempts,
  DROP COLUMN status,
  ALTER COLUMN delivered_at SET DEFAULT now(),
  ALTER COLUMN delivered_at SET NOT NULL;
