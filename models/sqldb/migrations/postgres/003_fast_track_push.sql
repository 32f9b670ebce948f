-- Issue 4: fast track, push subscriptions and durable push jobs, notification
-- settings, calendar tokens and the shared VAPID key.

CREATE TABLE fast_track_requests (
    id               TEXT PRIMARY KEY,
    citizen_id       TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    registered_by    TEXT NOT NULL REFERENCES users (id),
    requested_by     TEXT NOT NULL CHECK (requested_by IN ('employer', 'citizen')),
    requested_at     TIMESTAMPTZ NOT NULL,
    expected_weeks   INTEGER NOT NULL,
    consent_deadline TIMESTAMPTZ NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'lapsed', 'withdrawn')),
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX fast_track_requests_citizen ON fast_track_requests (citizen_id, created_at);

-- Every transition, append-only: who, when, from which state to which.
CREATE TABLE fast_track_events (
    id          BIGSERIAL PRIMARY KEY,
    request_id  TEXT NOT NULL REFERENCES fast_track_requests (id) ON DELETE CASCADE,
    actor_role  TEXT NOT NULL CHECK (actor_role IN ('citizen', 'caseworker', 'system')),
    actor_id    TEXT,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX fast_track_events_request ON fast_track_events (request_id, id);

CREATE TABLE push_subscriptions (
    id         TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    endpoint   TEXT NOT NULL UNIQUE,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX push_subscriptions_citizen ON push_subscriptions (citizen_id);

-- One row per (citizen, event): written in the transaction of the change that
-- causes it, fanned out to the citizen's devices when due.
CREATE TABLE push_jobs (
    id         TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    event_key  TEXT NOT NULL,
    type       TEXT NOT NULL,
    ref_id     TEXT NOT NULL,
    ref_at     TIMESTAMPTZ,
    fire_at    TIMESTAMPTZ NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('pending', 'fanned_out', 'cancelled', 'skipped')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX push_jobs_event ON push_jobs (citizen_id, event_key);
CREATE INDEX push_jobs_due ON push_jobs (status, fire_at);
CREATE INDEX push_jobs_ref ON push_jobs (ref_id);

-- One row per (job, device): claimed with a lease, marked sent once.
CREATE TABLE push_deliveries (
    id              TEXT PRIMARY KEY,
    job_id          TEXT NOT NULL REFERENCES push_jobs (id) ON DELETE CASCADE,
    subscription_id TEXT NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    claimed_until   TIMESTAMPTZ,
    claim_token     TEXT,
    last_status     INTEGER,
    sent_at         TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX push_deliveries_once ON push_deliveries (job_id, subscription_id);
CREATE INDEX push_deliveries_due ON push_deliveries (status, next_attempt_at);
CREATE INDEX push_deliveries_claim ON push_deliveries (claim_token);

-- No row means the defaults (quiet 21:00–08:00, not paused); NULL start/end
-- in a row means no quiet hours.
CREATE TABLE notification_settings (
    citizen_id   TEXT PRIMARY KEY REFERENCES citizens (id) ON DELETE CASCADE,
    quiet_start  TEXT,
    quiet_end    TEXT,
    paused_until TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE calendar_tokens (
    citizen_id TEXT PRIMARY KEY REFERENCES citizens (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);

-- The one VAPID key pair, shared by every instance on this database.
CREATE TABLE vapid_keys (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    public_key  TEXT NOT NULL,
    private_key TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
