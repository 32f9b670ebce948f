-- Push for the employer: an employer account has devices, reminder settings
-- and messages of its own, so the push tables name a user (the recipient),
-- not only a citizen. The column keeps its name citizen_id; for an employer's
-- message it holds the employer's user id. Deleting a user still deletes
-- their devices, settings and messages.
ALTER TABLE push_subscriptions DROP CONSTRAINT push_subscriptions_citizen_id_fkey;
ALTER TABLE push_subscriptions ADD CONSTRAINT push_subscriptions_citizen_id_fkey
    FOREIGN KEY (citizen_id) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE push_jobs DROP CONSTRAINT push_jobs_citizen_id_fkey;
ALTER TABLE push_jobs ADD CONSTRAINT push_jobs_citizen_id_fkey
    FOREIGN KEY (citizen_id) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE notification_settings DROP CONSTRAINT notification_settings_citizen_id_fkey;
ALTER TABLE notification_settings ADD CONSTRAINT notification_settings_citizen_id_fkey
    FOREIGN KEY (citizen_id) REFERENCES users (id) ON DELETE CASCADE;

-- The employee an employer's message is about (NULL for the citizen's own),
-- so ending the access, closing the case or turning sharing off cancels
-- exactly that employer's messages about that employee, and deleting the
-- case deletes them.
ALTER TABLE push_jobs ADD COLUMN employee_id TEXT REFERENCES citizens (id) ON DELETE CASCADE;
CREATE INDEX push_jobs_employee ON push_jobs (employee_id) WHERE employee_id IS NOT NULL;
