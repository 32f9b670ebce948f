-- Every read of a citizen's data by a caseworker (issue 5). The citizen sees it.
CREATE TABLE access_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    citizen_id    TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    caseworker_id TEXT NOT NULL REFERENCES users (id),
    what          TEXT NOT NULL,
    -- day is the Copenhagen date of at; caseload reads are kept once a day.
    day           TEXT NOT NULL,
    at            DATETIME NOT NULL
);
CREATE INDEX access_log_citizen ON access_log (citizen_id, id);
CREATE UNIQUE INDEX access_log_caseload_daily ON access_log (citizen_id, caseworker_id, day) WHERE what = 'caseload';

-- A caseworker puts a citizen aside until a date.
CREATE TABLE citizen_snoozes (
    citizen_id    TEXT PRIMARY KEY REFERENCES citizens (id) ON DELETE CASCADE,
    caseworker_id TEXT NOT NULL REFERENCES users (id),
    snoozed_until TEXT NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    created_at    DATETIME NOT NULL
);

-- Who had the citizen before, and who moved them.
CREATE TABLE citizen_reassignments (
    id                 TEXT PRIMARY KEY,
    citizen_id         TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    from_caseworker_id TEXT NOT NULL REFERENCES users (id),
    to_caseworker_id   TEXT NOT NULL REFERENCES users (id),
    by_user_id         TEXT NOT NULL REFERENCES users (id),
    at                 DATETIME NOT NULL
);
CREATE INDEX citizen_reassignments_citizen ON citizen_reassignments (citizen_id, at);
