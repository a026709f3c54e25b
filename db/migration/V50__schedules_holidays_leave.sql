-- HR rules (issue 13): shift types, weekly patterns, their assignments, department history, holidays, leave and
-- the once-per-person-and-day alert marks. Day statuses are computed on read, never stored (docs/hr.md).

CREATE TABLE shift_types (
    id               UUID PRIMARY KEY,
    organization_id  UUID NOT NULL REFERENCES organizations(id),
    name             VARCHAR(100) NOT NULL,
    kind             VARCHAR(10) NOT NULL CHECK (kind IN ('FIXED', 'FLEXIBLE')),
    start_time       TIME,          -- FIXED: start; FLEXIBLE: core start (optional)
    end_time         TIME,          -- FIXED: end (before start = the next day: a night shift); FLEXIBLE: core end
    break_minutes    INTEGER NOT NULL DEFAULT 0 CHECK (break_minutes >= 0),
    required_minutes INTEGER CHECK (required_minutes > 0),  -- FLEXIBLE only
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (organization_id, name)
);

-- A weekly pattern over rotation_weeks weeks; week 1 is the week (Monday) of anchor_date.
CREATE TABLE schedules (
    id               UUID PRIMARY KEY,
    organization_id  UUID NOT NULL REFERENCES organizations(id),
    name             VARCHAR(100) NOT NULL,
    time_zone        VARCHAR(64) NOT NULL,
    rotation_weeks   SMALLINT NOT NULL CHECK (rotation_weeks BETWEEN 1 AND 12),
    anchor_date      DATE NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (organization_id, name)
);

-- day_index 0 = Monday of week 1 ... 7*rotation_weeks-1; a missing day is a day off.
CREATE TABLE schedule_days (
    schedule_id      UUID NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
    day_index        SMALLINT NOT NULL CHECK (day_index >= 0),
    shift_type_id    UUID NOT NULL REFERENCES shift_types(id),
    PRIMARY KEY (schedule_id, day_index)
);

CREATE TABLE schedule_assignments (
    id               UUID PRIMARY KEY,
    organization_id  UUID NOT NULL REFERENCES organizations(id),
    schedule_id      UUID NOT NULL REFERENCES schedules(id),
    scope            VARCHAR(12) NOT NULL CHECK (scope IN ('ORGANIZATION', 'DEPARTMENT', 'USER')),
    department       VARCHAR(100),
    user_id          UUID REFERENCES users(id),
    valid_from       DATE NOT NULL,
    valid_to         DATE,          -- inclusive; NULL = open-ended
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (valid_to IS NULL OR valid_to >= valid_from),
    CHECK ((scope = 'ORGANIZATION' AND department IS NULL AND user_id IS NULL)
        OR (scope = 'DEPARTMENT' AND department IS NOT NULL AND user_id IS NULL)
        OR (scope = 'USER' AND department IS NULL AND user_id IS NOT NULL))
);
CREATE INDEX idx_schedule_assignments_org ON schedule_assignments(organization_id, scope);

-- user_profiles holds a person's department now; this holds since when, so a past day is judged by the
-- department (and so the schedule) the person had then. Written when a profile's department changes.
CREATE TABLE department_history (
    user_id          UUID NOT NULL REFERENCES users(id),
    organization_id  UUID NOT NULL REFERENCES organizations(id),
    valid_from       DATE NOT NULL,
    department       VARCHAR(100),
    PRIMARY KEY (user_id, valid_from)
);
CREATE INDEX idx_department_history_org ON department_history(organization_id);

CREATE TABLE holidays (
    id               UUID PRIMARY KEY,
    organization_id  UUID NOT NULL REFERENCES organizations(id),
    holiday_date     DATE NOT NULL,
    name             VARCHAR(255) NOT NULL,
    department       VARCHAR(100),  -- NULL = the whole organization
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- one holiday per day and department (NULL the organization): an ICS import of the same calendar is a no-op
CREATE UNIQUE INDEX idx_holidays_day ON holidays(organization_id, holiday_date, COALESCE(department, ''));

CREATE TABLE leave_types (
    id               UUID PRIMARY KEY,
    organization_id  UUID NOT NULL REFERENCES organizations(id),
    code             VARCHAR(30) NOT NULL,
    name             VARCHAR(100) NOT NULL,
    paid             BOOLEAN NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (organization_id, code)
);

CREATE TABLE leave_requests (
    id               UUID PRIMARY KEY,
    organization_id  UUID NOT NULL REFERENCES organizations(id),
    user_id          UUID NOT NULL REFERENCES users(id),
    leave_type_id    UUID NOT NULL REFERENCES leave_types(id),
    from_date        DATE NOT NULL,
    to_date          DATE NOT NULL,
    half_day         BOOLEAN NOT NULL DEFAULT FALSE,   -- only for a one-day request
    status           VARCHAR(10) NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    note             TEXT,
    decided_by       UUID REFERENCES users(id),
    decided_at       TIMESTAMPTZ,
    decision_note    TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (to_date >= from_date),
    CHECK (NOT half_day OR from_date = to_date)
);
CREATE INDEX idx_leave_requests_org ON leave_requests(organization_id, status, from_date);
CREATE INDEX idx_leave_requests_user ON leave_requests(user_id, from_date);

-- An alert raised for a person's day: the primary key makes it once per person, day and type.
CREATE TABLE hr_alerts (
    organization_id  UUID NOT NULL REFERENCES organizations(id),
    user_id          UUID NOT NULL REFERENCES users(id),
    alert_date       DATE NOT NULL,
    alert_type       VARCHAR(20) NOT NULL,
    event_id         UUID NOT NULL,
    raised_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, alert_date, alert_type)
);
