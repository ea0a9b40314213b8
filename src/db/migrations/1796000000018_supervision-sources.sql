-- Up Migration

-- Manual 督办 / 交办 (issue 22): a ladder item's source — the automatic notice on a deadline's expiry, the
-- bureau's own, the joint-conference office's (联席会议交办件), or one received from a higher bureau (上级交办件)
-- — with its kind, its Art 40 ground and its own feedback date. Every item before is automatic.
ALTER TABLE supervision_items
  ADD COLUMN source text NOT NULL DEFAULT 'automatic'
    CHECK (source IN ('automatic', 'manual', 'joint-conference', 'higher-bureau')),
  ADD COLUMN kind text CHECK (kind IN ('supervise', 'assign')),
  ADD COLUMN ground text,
  ADD COLUMN feedback_due date;

-- Down Migration
ALTER TABLE supervision_items DROP COLUMN feedback_due, DROP COLUMN ground, DROP COLUMN kind, DROP COLUMN source;
