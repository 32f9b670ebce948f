-- A sign-in code re-issued for an account that is already active (a
-- forgotten password) works only after a waiting period and only if the
-- citizen has not signed in since; it names the caseworker who made it.
ALTER TABLE invites ADD COLUMN usable_from TIMESTAMPTZ;
ALTER TABLE invites ADD COLUMN issued_by TEXT;
-- Private reflections written before such a reset are hidden from whoever
-- set the new password.
ALTER TABLE meeting_reflections ADD COLUMN sealed BOOLEAN NOT NULL DEFAULT FALSE;
