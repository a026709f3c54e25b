-- Identity and access (issue 3). Deviations from the seed are explained in db/README.md, "## Identity".

-- Failed logins per username (also for usernames that do not exist, so a lock-out reveals nothing).
-- In Postgres, not Redis: the seed keeps user data out of Redis. A successful login deletes the row.
CREATE TABLE login_failures (
    username        VARCHAR(100) PRIMARY KEY,     -- as typed, trimmed and lower-cased
    failures        INTEGER NOT NULL,
    last_failure_at TIMESTAMPTZ NOT NULL,
    locked_until    TIMESTAMPTZ
);

-- Lists of an organization's users skip deleted ones and sort by username.
CREATE INDEX idx_users_org_username ON users(organization_id, username) WHERE NOT is_deleted;

-- A camera authenticates with its key: look it up by the key's hash.
CREATE UNIQUE INDEX idx_cameras_api_key_hash ON cameras(api_key_hash);
CREATE INDEX idx_login_failures_last ON login_failures(last_failure_at);
