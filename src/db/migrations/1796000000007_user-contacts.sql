-- Up Migration

-- How a notice reaches a member of staff outside the inbox (issue 20): a mail address and a mobile number,
-- each optional. Staff contacts only: no petitioner's data is ever sent.
ALTER TABLE users
  ADD COLUMN email  text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$'),
  ADD COLUMN mobile text CHECK (mobile IS NULL OR mobile ~ '^\+?[0-9]{5,20}$');

-- Down Migration
ALTER TABLE users DROP COLUMN mobile, DROP COLUMN email;
