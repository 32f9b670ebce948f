CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('citizen', 'caseworker')),
    email         TEXT NOT NULL,
    name          TEXT NOT NULL,
    locale        TEXT NOT NULL DEFAULT 'da',
    password_hash TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX users_email_lower ON users (lower(email));

CREATE TABLE citizens (
    id             TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    caseworker_id  TEXT NOT NULL REFERENCES users (id),
    first_sick_day TEXT NOT NULL,
    category       INTEGER NOT NULL CHECK (category BETWEEN 1 AND 3),
    expected_weeks INTEGER,
    employer_name  TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX citizens_caseworker ON citizens (caseworker_id);

CREATE TABLE invites (
    id         TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX invites_citizen ON invites (citizen_id);

CREATE TABLE refresh_tokens (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id  TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE login_failures (
    id         BIGSERIAL PRIMARY KEY,
    key_hash   TEXT NOT NULL,
    failed_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key_hash, failed_at);
