-- Access tokens issued before a password change stop working (checked on
-- every request, which loads the user anyway).
ALTER TABLE users ADD COLUMN password_changed_at TIMESTAMPTZ;
