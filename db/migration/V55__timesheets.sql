-- Timesheets (docs/hr.md, "Timesheets and payroll"): one row per person and pay period once the period has been
-- approved at least once. A person's period without a row is a DRAFT whose figures are computed live; the
-- figures of an APPROVED or LOCKED row are the ones that were approved, and the ones a payroll export carries.
CREATE TABLE timesheets (
    id                      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id         UUID NOT NULL REFERENCES organizations(id),
    user_id                 UUID NOT NULL REFERENCES users(id),

    period_type             VARCHAR(20) NOT NULL CHECK (period_type IN ('WEEKLY', 'BIWEEKLY', 'SEMI_MONTHLY', 'MONTHLY')),
    period_start            DATE NOT NULL,
    period_end              DATE NOT NULL,
    state                   VARCHAR(10) NOT NULL CHECK (state IN ('DRAFT', 'APPROVED', 'LOCKED')),

    -- the approved figures, as they were when approved (NULL while DRAFT)
    username                VARCHAR(100),
    full_name               VARCHAR(255),
    employee_code           VARCHAR(100),
    department              VARCHAR(100),
    regular_minutes         INTEGER,
    overtime_minutes        JSONB,          -- {"1.5x": 120, ...} by the organization's overtime tier
    leave_minutes           JSONB,          -- {"VACATION": 480, ...} by leave type code
    holiday_minutes         INTEGER,
    holiday_worked_minutes  INTEGER,
    day_off_worked_minutes  INTEGER,
    exceptions              JSONB,          -- {"LATE": 2, "MISSING_OUT": 1, ...} days per exception status

    approved_by             UUID,
    approved_at             TIMESTAMPTZ,
    locked_by               UUID,
    locked_at               TIMESTAMPTZ,
    reopened_by             UUID,
    reopened_at             TIMESTAMPTZ,
    reopen_reason           TEXT,

    created_at              TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT NOW(),

    CHECK (period_end >= period_start),
    CHECK (state = 'DRAFT' OR regular_minutes IS NOT NULL)
);

CREATE UNIQUE INDEX idx_timesheets_user_period ON timesheets(user_id, period_start);
-- a period's sheets (lists, exports); the lock check of a person's date
CREATE INDEX idx_timesheets_org_period ON timesheets(organization_id, period_start);
CREATE INDEX idx_timesheets_user_end ON timesheets(user_id, period_end);
