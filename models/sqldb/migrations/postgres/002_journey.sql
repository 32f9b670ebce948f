-- Issue 3: the citizen's journey — goals, check-ins, the optrapningsplan,
-- meetings, staircase placements.

CREATE TABLE goals (
    id          TEXT PRIMARY KEY,
    citizen_id  TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    parent_id   TEXT REFERENCES goals (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    target_date TEXT,
    status      TEXT NOT NULL CHECK (status IN ('active', 'reached', 'dropped')),
    created_by  TEXT NOT NULL REFERENCES users (id),
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX goals_citizen ON goals (citizen_id, created_at);

CREATE TABLE goal_activities (
    id         TEXT PRIMARY KEY,
    goal_id    TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX goal_activities_goal ON goal_activities (goal_id, position);

CREATE TABLE checkins (
    id             TEXT PRIMARY KEY,
    citizen_id     TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    recorded_at    TIMESTAMPTZ NOT NULL,
    staircase_step INTEGER CHECK (staircase_step BETWEEN 1 AND 6),
    wellbeing      INTEGER CHECK (wellbeing BETWEEN 0 AND 10),
    hours_worked   DOUBLE PRECISION,
    note           TEXT NOT NULL DEFAULT '',
    body_hash      TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX checkins_citizen ON checkins (citizen_id, recorded_at);

CREATE TABLE checkin_scores (
    checkin_id TEXT NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
    goal_id    TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    score      INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    PRIMARY KEY (checkin_id, goal_id)
);
CREATE INDEX checkin_scores_goal ON checkin_scores (goal_id);

CREATE TABLE plan_versions (
    id         TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    snapshot   TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (citizen_id, version)
);

CREATE TABLE plan_feedback (
    plan_version_id TEXT PRIMARY KEY REFERENCES plan_versions (id) ON DELETE CASCADE,
    citizen_id      TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    recognises      TEXT NOT NULL CHECK (recognises IN ('yes', 'partly', 'no')),
    comment         TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX plan_feedback_citizen ON plan_feedback (citizen_id);

-- What the citizen has already seen, so the home screen can tell what is new.
CREATE TABLE citizen_seen (
    citizen_id       TEXT PRIMARY KEY REFERENCES citizens (id) ON DELETE CASCADE,
    plan_version     INTEGER NOT NULL DEFAULT 0,
    meetings_seen_at TIMESTAMPTZ
);

CREATE TABLE meetings (
    id               TEXT PRIMARY KEY,
    citizen_id       TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN ('roundtable', 'follow_up', 'status', 'other')),
    starts_at        TIMESTAMPTZ NOT NULL,
    duration_minutes INTEGER NOT NULL,
    location         TEXT NOT NULL,
    participants     TEXT NOT NULL DEFAULT '[]',
    agenda           TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
    created_by       TEXT NOT NULL REFERENCES users (id),
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    moved_at         TIMESTAMPTZ,
    cancelled_at     TIMESTAMPTZ
);
CREATE INDEX meetings_citizen ON meetings (citizen_id, starts_at);

CREATE TABLE meeting_replies (
    meeting_id TEXT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    citizen_id TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    response   TEXT NOT NULL CHECK (response IN ('attending', 'another_time', 'cannot_come')),
    reason     TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX meeting_replies_citizen ON meeting_replies (citizen_id);

CREATE TABLE meeting_reflections (
    meeting_id TEXT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    citizen_id TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    came_from  TEXT NOT NULL DEFAULT '',
    heading_to TEXT NOT NULL DEFAULT '',
    proposal   TEXT NOT NULL DEFAULT '',
    shared     BOOLEAN NOT NULL DEFAULT FALSE,
    shared_at  TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX meeting_reflections_citizen ON meeting_reflections (citizen_id);

CREATE TABLE staircase_placements (
    id         TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    party      TEXT NOT NULL CHECK (party IN ('employer', 'jobcenter')),
    step       INTEGER NOT NULL CHECK (step BETWEEN 1 AND 6),
    date       TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX staircase_placements_citizen ON staircase_placements (citizen_id, date);
