-- Push for the employer: an employer account has devices, reminder settings
-- and messages of its own, so the push tables name a user (the recipient),
-- not only a citizen. The column keeps its name citizen_id; for an employer's
-- message it holds the employer's user id. Deleting a user still deletes
-- their devices, settings and messages.
--
-- As in 011: SQLite cannot alter a foreign key, and rebuilding the tables
-- would cascade into push_deliveries; every citizen is a user, so no row
-- breaks the wider reference. The CREATE INDEX below bumps the schema cookie.
PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql, 'REFERENCES citizens (id) ON DELETE CASCADE', 'REFERENCES users (id) ON DELETE CASCADE')
 WHERE type = 'table' AND name IN ('push_subscriptions', 'push_jobs', 'notification_settings');
PRAGMA writable_schema = RESET;

-- The employee an employer's message is about (NULL for the citizen's own),
-- so ending the access, closing the case or turning sharing off cancels
-- exactly that employer's messages about that employee, and deleting the
-- case deletes them.
ALTER TABLE push_jobs ADD COLUMN employee_id TEXT REFERENCES citizens (id) ON DELETE CASCADE;
CREATE INDEX push_jobs_employee ON push_jobs (employee_id) WHERE employee_id IS NOT NULL;
