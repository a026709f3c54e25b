-- Bulk enrollment (docs/faces.md, "Bulk enrollment"): a job imports people from a CSV and their photos from a zip,
-- both uploaded to the media bucket. The job's rows and photos are its checkpoint: a job that stopped (a crash, the
-- end of an invocation) resumes from the first row not DONE, and skips the photos it already stored.
CREATE TABLE import_jobs (
    id              UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations(id),
    created_by      UUID NOT NULL REFERENCES users(id),
    state           VARCHAR(20) NOT NULL,   -- WAITING_FOR_FILES / QUEUED / RUNNING / DONE / FAILED
    people_key      TEXT NOT NULL,          -- the CSV's object key
    photos_key      TEXT NOT NULL,          -- the zip's object key
    total_rows      INTEGER,                -- known once the CSV is read
    error           TEXT,                   -- why a FAILED job failed
    lease_until     TIMESTAMPTZ,            -- a runner holds the job until then; an expired lease is resumed
    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ
);

CREATE INDEX idx_import_jobs_org ON import_jobs(organization_id, created_at);
CREATE INDEX idx_import_jobs_runnable ON import_jobs(state, lease_until) WHERE state IN ('QUEUED', 'RUNNING');

CREATE TABLE import_rows (
    job_id          UUID NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
    line            INTEGER NOT NULL,       -- the CSV line, 2 for the first person
    username        VARCHAR(100),
    fields          JSONB NOT NULL,         -- the row as read: name, employee code, department, e-mail, role
    status          VARCHAR(20) NOT NULL,   -- PENDING / DONE / INVALID / REFUSED
    user_id         UUID REFERENCES users(id),
    user_created    BOOLEAN,
    photos_enrolled INTEGER NOT NULL DEFAULT 0,
    photos_found    INTEGER NOT NULL DEFAULT 0,
    detail          JSONB,                  -- the invalid fields, or one result per photo
    PRIMARY KEY (job_id, line)
);

-- one row per photo stored by a job: how a resumed job knows what it did, and what it publishes to the index
CREATE TABLE import_photos (
    job_id          UUID NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
    entry_name      TEXT NOT NULL,          -- the zip entry
    line            INTEGER NOT NULL,
    image_id        UUID NOT NULL,
    embedding_index INTEGER NOT NULL,
    published       BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (job_id, entry_name)
);
