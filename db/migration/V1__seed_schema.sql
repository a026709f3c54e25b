-- The data model of the seed design (../shared/seed-design.md), section by section.
-- Deviations from the seed are marked "DEVIATION" and explained in db/README.md.

-- 1. Profiles & users ---------------------------------------------------------------------------

CREATE TABLE organizations (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name            VARCHAR(255) NOT NULL,
    legal_name      VARCHAR(255) NOT NULL,
    code            VARCHAR(50) UNIQUE NOT NULL,
    is_active       BOOLEAN DEFAULT TRUE,

    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),   -- DEVIATION: TIMESTAMPTZ everywhere
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE TABLE roles (
    id              SMALLINT PRIMARY KEY,
    role_name       VARCHAR(50) UNIQUE NOT NULL,
    description     TEXT
);

INSERT INTO roles (id, role_name, description) VALUES
    (1, 'ADMIN',    'Administers everything in their organization'),
    (2, 'OPERATOR', 'Runs the floor: enrolls faces, records manual attendance, handles events'),
    (3, 'USER',     'Sees their own data');

CREATE TABLE users (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id     UUID NOT NULL REFERENCES organizations(id),

    username            VARCHAR(100) UNIQUE NOT NULL,
    email               VARCHAR(255),
    password_hash       TEXT NOT NULL,

    role_id             SMALLINT NOT NULL REFERENCES roles(id),

    is_active           BOOLEAN DEFAULT TRUE,
    is_deleted          BOOLEAN DEFAULT FALSE,

    created_at          TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE INDEX idx_users_org ON users(organization_id);
CREATE INDEX idx_users_role ON users(role_id);

-- DEVIATION: faiss_user_id comes from a sequence, so it is never reused, even after a delete.
CREATE SEQUENCE faiss_user_id_seq AS INTEGER;

CREATE TABLE user_profiles (
    user_id         UUID PRIMARY KEY REFERENCES users(id),

    full_name       VARCHAR(255),
    employee_code   VARCHAR(100),
    department      VARCHAR(100),
    faiss_user_id   INTEGER UNIQUE NOT NULL DEFAULT nextval('faiss_user_id_seq'),  -- DEVIATION: the seed's missing comma

    created_at      TIMESTAMPTZ DEFAULT NOW(),
    updated_at      TIMESTAMPTZ DEFAULT NOW()
);

ALTER SEQUENCE faiss_user_id_seq OWNED BY user_profiles.faiss_user_id;

-- 2. Attendance ---------------------------------------------------------------------------------

CREATE TABLE attendance_records (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id UUID NOT NULL REFERENCES organizations(id),
    user_id         UUID NOT NULL REFERENCES users(id),

    attendance_date DATE NOT NULL,          -- the organization's local date

    first_in_time   TIMESTAMPTZ,
    last_out_time   TIMESTAMPTZ,

    total_minutes   INTEGER,

    source          VARCHAR(50),            -- CAMERA / MANUAL / API
    confidence      NUMERIC(5,2),

    created_at      TIMESTAMPTZ DEFAULT NOW(),
    updated_at      TIMESTAMPTZ DEFAULT NOW()
);

-- DEVIATION: the seed's index, made UNIQUE: one record per user and day, so the flush can upsert.
CREATE UNIQUE INDEX idx_attendance_user_date ON attendance_records(user_id, attendance_date);
CREATE INDEX idx_attendance_org_date ON attendance_records(organization_id, attendance_date);

CREATE TABLE attendance_logs (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),   -- the event id: a redelivery cannot insert twice
    attendance_id   UUID REFERENCES attendance_records(id),       -- set when the day is flushed

    -- DEVIATION: who, which tenant and which local day, so today's state can be rebuilt from the log
    -- before the day's attendance_records row exists.
    organization_id UUID NOT NULL REFERENCES organizations(id),
    user_id         UUID NOT NULL REFERENCES users(id),
    attendance_date DATE NOT NULL,

    event_type      VARCHAR(10),            -- IN / OUT
    event_time      TIMESTAMPTZ NOT NULL,

    camera_id       UUID,
    confidence      NUMERIC(5,2),

    created_at      TIMESTAMPTZ DEFAULT NOW()
);

CREATE INDEX idx_attendance_logs_day ON attendance_logs(organization_id, attendance_date, user_id);
CREATE INDEX idx_attendance_logs_record ON attendance_logs(attendance_id);

-- 3. Audit and system logs ----------------------------------------------------------------------

CREATE TABLE audit_logs (
    id              BIGSERIAL PRIMARY KEY,
    organization_id UUID,
    user_id         UUID,

    action          VARCHAR(100),
    entity_type     VARCHAR(100),
    entity_id       VARCHAR(100),

    ip_address      INET,
    user_agent      TEXT,

    created_at      TIMESTAMPTZ DEFAULT NOW()
);

CREATE INDEX idx_audit_logs_org_time ON audit_logs(organization_id, created_at);

CREATE TABLE system_logs (
    id              BIGSERIAL PRIMARY KEY,
    log_level       VARCHAR(20),            -- INFO / WARN / ERROR
    service_name    VARCHAR(100),

    message         TEXT,
    metadata        JSONB,

    created_at      TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE system_health (
    id              BIGSERIAL PRIMARY KEY,
    service_name    VARCHAR(100),
    status          VARCHAR(20),            -- UP / DOWN / DEGRADED

    cpu_usage       NUMERIC(5,2),
    memory_usage    NUMERIC(5,2),

    recorded_at     TIMESTAMPTZ DEFAULT NOW()
);

CREATE INDEX idx_system_health_service_time ON system_health(service_name, recorded_at);

-- 4. Storage metadata ---------------------------------------------------------------------------

CREATE TABLE face_images (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id UUID REFERENCES organizations(id),
    user_id         UUID REFERENCES users(id),  -- NULL for unknown

    image_type      VARCHAR(20),            -- KNOWN / UNKNOWN
    file_path       TEXT NOT NULL,          -- the object key in the media bucket

    captured_at     TIMESTAMPTZ,
    camera_id       UUID,

    created_at      TIMESTAMPTZ DEFAULT NOW()
);

CREATE INDEX idx_face_images_org_user ON face_images(organization_id, user_id);

-- 5. Vector metadata ----------------------------------------------------------------------------

CREATE SEQUENCE face_embedding_index_seq AS INTEGER;

CREATE TABLE face_embeddings (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id UUID REFERENCES organizations(id),
    user_id         UUID REFERENCES users(id),

    -- the id of this vector inside the organization's FAISS index; from a sequence, never reused
    embedding_index INTEGER NOT NULL UNIQUE DEFAULT nextval('face_embedding_index_seq'),
    image_id        UUID REFERENCES face_images(id),

    -- DEVIATION: the vector itself (float32 little-endian) and the model that made it, so the index can
    -- be rebuilt from Postgres alone and a new model can re-embed.
    embedding       BYTEA NOT NULL,
    model_version   VARCHAR(100) NOT NULL,

    created_at      TIMESTAMPTZ DEFAULT NOW()
);

ALTER SEQUENCE face_embedding_index_seq OWNED BY face_embeddings.embedding_index;
CREATE INDEX idx_face_embeddings_org_user ON face_embeddings(organization_id, user_id);

-- 6. Configuration ------------------------------------------------------------------------------

CREATE TABLE system_configs (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id UUID REFERENCES organizations(id),

    config_key      VARCHAR(100),
    config_value    JSONB,

    created_at      TIMESTAMPTZ DEFAULT NOW(),
    updated_at      TIMESTAMPTZ DEFAULT NOW(),

    UNIQUE (organization_id, config_key)
);

CREATE TABLE application_settings (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    setting_key     VARCHAR(100) UNIQUE,
    setting_value   JSONB,

    updated_at      TIMESTAMPTZ DEFAULT NOW()
);

-- 7. Events and notifications -------------------------------------------------------------------

CREATE TABLE events (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id UUID REFERENCES organizations(id),

    event_type      VARCHAR(50),            -- UNKNOWN_FACE, LOW_CONFIDENCE, ...
    severity        VARCHAR(20),

    reference_id    UUID,                   -- face_image_id, attendance_id
    metadata        JSONB,

    created_at      TIMESTAMPTZ DEFAULT NOW()
);

CREATE INDEX idx_events_org_time ON events(organization_id, created_at);

CREATE TABLE notifications (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id        UUID REFERENCES events(id),

    channel         VARCHAR(20),            -- EMAIL / SMS / DASHBOARD
    status          VARCHAR(20),            -- SENT / FAILED / PENDING

    created_at      TIMESTAMPTZ DEFAULT NOW()
);

CREATE INDEX idx_notifications_event ON notifications(event_id);
