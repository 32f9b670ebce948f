-- Issue 9: the roundtable's agreement (who does what, and when), the
-- caseworker's contact card, and placements for every party at a meeting.

CREATE TABLE agreements (
    id         TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    meeting_id TEXT REFERENCES meetings (id) ON DELETE SET NULL,
    text       TEXT NOT NULL,
    owner      TEXT NOT NULL CHECK (owner IN ('citizen', 'employer', 'jobcenter', 'other')),
    due_date   TEXT,
    status     TEXT NOT NULL CHECK (status IN ('open', 'done')),
    done_at    DATETIME,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX agreements_citizen ON agreements (citizen_id, created_at);
-- The caseload reads the open items that have a due date.
CREATE INDEX agreements_open_due ON agreements (citizen_id, due_date) WHERE status = 'open';

-- How citizens reach their caseworker.
CREATE TABLE caseworker_contacts (
    user_id       TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    phone         TEXT NOT NULL DEFAULT '',
    contact_hours TEXT NOT NULL DEFAULT '',
    updated_at    DATETIME NOT NULL
);

-- The citizen's own placement is recorded at a meeting too, and a placement
-- may say which meeting it was made at. SQLite cannot drop a CHECK, so the
-- table is rebuilt (nothing references it).
CREATE TABLE staircase_placements_new (
    id         TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    party      TEXT NOT NULL CHECK (party IN ('citizen', 'employer', 'jobcenter')),
    step       INTEGER NOT NULL CHECK (step BETWEEN 1 AND 6),
    date       TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    meeting_id TEXT REFERENCES meetings (id) ON DELETE SET NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at DATETIME NOT NULL
);
INSERT INTO staircase_placements_new (id, citizen_id, party, step, date, note, created_by, created_at)
    SELECT id, citizen_id, party, step, date, note, created_by, created_at FROM staircase_placements;
DROP TABLE staircase_placements;
ALTER TABLE staircase_placements_new RENAME TO staircase_placements;
CREATE INDEX staircase_placements_citizen ON staircase_placements (citizen_id, date);
