-- The employer at the table: a third role, invited per employee.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('citizen', 'caseworker', 'employer'));
-- The employer's own fast-track request is recorded with actor_role employer.
ALTER TABLE fast_track_events DROP CONSTRAINT fast_track_events_actor_role_check;
ALTER TABLE fast_track_events ADD CONSTRAINT fast_track_events_actor_role_check
    CHECK (actor_role IN ('citizen', 'caseworker', 'system', 'employer'));

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
    invite_expires_at TIMESTAMPTZ,
    invite_used_at    TIMESTAMPTZ,
    created_by        TEXT NOT NULL REFERENCES users (id),
    created_at        TIMESTAMPTZ NOT NULL
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
    updated_at TIMESTAMPTZ NOT NULL
);
