-- Up Migration

-- The supervision ladder (督办 → 联席办 → 挂牌督办): one row per ladder item, copied from the case's fold by
-- the event writer, for the office's work queue and its filters.
CREATE TABLE supervision_items (
  id                text PRIMARY KEY, -- <petition id>.<item id>, e.g. XF-2026-000001.handle-1
  petition_id       text NOT NULL REFERENCES petitions (id),
  item_id           text NOT NULL,
  deadline_key      text NOT NULL,
  unit_id           text REFERENCES units (id),
  level             text NOT NULL CHECK (level IN ('notice', 'office', 'listed')),
  status            text NOT NULL CHECK (status IN ('open', 'answered', 'resolved', 'closed')),
  notice_on         date,
  feedback_on       date,
  target_date       date,
  escalated_on      date,
  escalation_reason text,
  listed_on         date,
  correct_by        date,
  listing_overdue   boolean NOT NULL DEFAULT false,
  ended_on          date,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (petition_id, item_id)
);
CREATE INDEX supervision_items_unit_idx ON supervision_items (unit_id, status);
CREATE INDEX supervision_items_queue_idx ON supervision_items (level, status, id DESC);

-- Notifications: a transactional outbox, written with the events that cause them; the inbox reads it, and
-- delivery channels (SMS, mail) mark what they sent in notification_deliveries.
CREATE TABLE notifications (
  id          bigserial PRIMARY KEY,
  recipient   text NOT NULL REFERENCES users (login),
  petition_id text NOT NULL REFERENCES petitions (id),
  sequence    integer NOT NULL,
  kind        text NOT NULL,
  payload     jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  UNIQUE (petition_id, sequence, recipient)
);
CREATE INDEX notifications_inbox_idx ON notifications (recipient, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (recipient) WHERE read_at IS NULL;

CREATE TABLE notification_deliveries (
  notification_id bigint NOT NULL REFERENCES notifications (id),
  channel         text NOT NULL,
  delivered_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (notification_id, channel)
);

-- Down Migration
DROP TABLE notification_deliveries;
DROP TABLE notifications;
DROP TABLE supervision_items;
