-- Cameras: the seed references camera_id (attendance_logs, face_images) but has no table for it.
CREATE TABLE cameras (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id UUID NOT NULL REFERENCES organizations(id),
    name            VARCHAR(100) NOT NULL,
    direction       VARCHAR(10) NOT NULL DEFAULT 'BOTH' CHECK (direction IN ('ENTRY', 'EXIT', 'BOTH')),
    is_active       BOOLEAN NOT NULL DEFAULT TRUE,

    -- the API key is shown once at creation; only its hash is kept. A revoked key stays revoked.
    api_key_hash    TEXT,
    api_key_revoked_at TIMESTAMPTZ,

    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),

    UNIQUE (organization_id, name)
);

CREATE INDEX idx_cameras_org ON cameras(organization_id);
