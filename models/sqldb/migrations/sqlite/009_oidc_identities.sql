-- Signing in with an identity provider (OpenID Connect). An identity is the
-- pair (issuer, subject); Trappen stores no CPR number.
CREATE TABLE oidc_identities (
    issuer     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    audience   TEXT NOT NULL CHECK (audience IN ('citizen', 'caseworker', 'employer')),
    created_at DATETIME NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX oidc_identities_user ON oidc_identities (user_id);

-- When a user first linked an identity: such a user has activated their
-- access without a password, and signs in with the identity provider.
ALTER TABLE users ADD COLUMN oidc_linked_at DATETIME;

-- A sign-in's state is accepted once: its hash is kept until the flow
-- would have expired anyway.
CREATE TABLE oidc_used_states (
    state_hash TEXT PRIMARY KEY,
    expires_at DATETIME NOT NULL
);
CREATE INDEX oidc_used_states_expiry ON oidc_used_states (expires_at);
