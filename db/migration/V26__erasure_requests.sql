-- Faces: a person's request that their biometric data be erased, and the ADMIN's decision on it. The trail of
-- each request is in audit_logs (entity ERASURE_REQUEST, and the erasure's own USER rows).
CREATE TABLE erasure_requests (
    id               UUID PRIMARY KEY,
    organization_id  UUID NOT NULL REFERENCES organizations(id),
    user_id          UUID NOT NULL REFERENCES users(id),
    reason           VARCHAR(500),                    -- the person's own words, optional
    status           VARCHAR(20) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'EXECUTED', 'REFUSED')),
    requested_at     TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    decided_at       TIMESTAMPTZ,
    decided_by       UUID REFERENCES users(id),
    refusal_reason   VARCHAR(500),                    -- required when REFUSED
    images_erased    INTEGER,
    vectors_erased   INTEGER,
    CHECK (status <> 'REFUSED' OR refusal_reason IS NOT NULL),
    CHECK ((status = 'PENDING') = (decided_at IS NULL))
);

CREATE UNIQUE INDEX uq_erasure_requests_pending ON erasure_requests(organization_id, user_id) WHERE status = 'PENDING';
CREATE INDEX idx_erasure_requests_org ON erasure_requests(organization_id, requested_at DESC, id);

-- The inactivity retention looks up each enrolled person's last sighting.
CREATE INDEX IF NOT EXISTS idx_attendance_logs_user_time ON attendance_logs(organization_id, user_id, event_time DESC);
