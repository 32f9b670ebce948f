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
    done_at    TIMESTAMPTZ,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX agreements_citizen ON agreements (citizen_id, created_at);
-- The caseload reads the open items that have a due date.
CREATE INDEX agreements_open_due ON agreements (citizen_id, due_date) WHERE status = 'open';

-- How citizens reach their caseworker.
CREATE TABLE caseworker_contacts (
    user_id       TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    phone         TEXT NOT NULL DEFAULT '',
    contact_hours TEXT NOT NULL DEFAULT '',
    updated_at    TIMESTAMPTZ NOT NULL
);

-- The citizen's own placement is recorded at a meeting too, and a placement
-- may say which meeting it was made at.
ALTER TABLE staircase_placements DROP CONSTRAINT staircase_placements_party_check;
ALTER TABLE staircase_placements ADD CONSTRAINT staircase_placements_party_check
    CHECK (party IN ('citizen', 'employer', 'jobcenter'));
ALTER TABLE staircase_placements ADD COLUMN meeting_id TEXT REFERENCES meetings (id) ON DELETE SET NULL;
