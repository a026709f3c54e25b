-- Console sessions (issue 10). Deviations from the seed are explained in db/README.md, "## Identity".

-- A refresh token is a random secret in an HttpOnly cookie; only its SHA-256 is kept. Every use rotates it:
-- the used row gets rotated_at and a new row of the same family is issued. A rotated token presented again
-- means it was copied, so its whole family is revoked.
CREATE TABLE refresh_tokens (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id   UUID NOT NULL REFERENCES organizations(id),
    user_id           UUID NOT NULL REFERENCES users(id),
    family_id         UUID NOT NULL,               -- every token rotated from one sign-in
    token_hash        BYTEA NOT NULL UNIQUE,       -- SHA-256 of the cookie's value
    issued_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    family_expires_at TIMESTAMPTZ NOT NULL,        -- a sign-in lasts a working day, however often it rotates
    rotated_at        TIMESTAMPTZ,
    revoked_at        TIMESTAMPTZ,
    user_agent        TEXT
);
CREATE INDEX idx_refresh_tokens_user ON refresh_tokens(user_id) WHERE revoked_at IS NULL;
CREATE INDEX idx_refresh_tokens_family ON refresh_tokens(family_id);

-- Access tokens are stateless JWTs; one issued before a user's cutoff is refused (checked through a cache of
-- at most 30 s, so a deactivated, deleted or demoted user's tokens stop working within a minute).
CREATE TABLE access_token_cutoffs (
    user_id         UUID PRIMARY KEY REFERENCES users(id),
    organization_id UUID NOT NULL REFERENCES organizations(id),
    not_before      TIMESTAMPTZ NOT NULL
);
