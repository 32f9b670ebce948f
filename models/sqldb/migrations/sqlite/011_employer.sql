-- The employer at the table: a third role, invited per employee.
--
-- SQLite cannot alter a CHECK constraint, and rebuilding users would fire
-- the ON DELETE CASCADE of every table that references it. The documented
-- way to loosen a constraint is to edit its text in the schema; no existing
-- row can violate the wider list. writable_schema=RESET reloads this
-- connection's schema, and the CREATE TABLE below bumps the schema cookie so
-- every other connection reloads too.
PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql, 'CHECK (role IN (''citizen'', ''caseworker''))', 'CHECK (role IN (''citizen'', ''caseworker'', ''employer''))')
 WHERE type = 'table' AND name = 'users';
-- The employer's own fast-track request is recorded with actor_role employer.
UPDATE sqlite_master
   SET sql = replace(sql, 'CHECK (actor_role IN (''citizen'', ''caseworker'', ''system''))', 'CHECK (actor_role IN (''citizen'', ''caseworker'', ''system'', ''employer''))')
 WHERE type = 'table' AND name = 'fast_track_events';
PRAGMA writable_schema = RESET;

-- One employer contact follows one employee; an employer account (a user
-- with role employer) may have contacts for several employees. Deleting
-- the row ends the access at once. The invite lives on the contact.
CREATE TABLE employer_contacts (
    id                TEXT PRIMARY KEY,
    citizen_id        TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    user_id           TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    email             TEXT NOT NULL,
    invite_code_hash  TEXT UNIQUE,
    invite_expires_at DATETIME,
    invite_used_at    DATETIME,
    created_by        TEXT NOT NULL REFERENCES users (id),
    created_at        DATETIME NOT NULL
);
CREATE UNIQUE INDEX employer_contacts_pair ON employer_contacts (citizen_id, user_id);
CREATE INDEX employer_contacts_user ON employer_contacts (user_id);

-- What the citizen shares with their employer contacts: nothing until chosen.
CREATE TABLE employer_sharing (
    citizen_id TEXT PRIMARY KEY REFERENCES citizens (id) ON DELETE CASCADE,
    plan       BOOLEAN NOT NULL DEFAULT FALSE,
    meetings   BOOLEAN NOT NULL DEFAULT FALSE,
    agreements BOOLEAN NOT NULL DEFAULT FALSE,
    placements BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at DATETIME NOT NULL
);
