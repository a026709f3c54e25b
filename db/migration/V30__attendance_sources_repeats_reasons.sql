-- Attendance (issue 5): what markAttendance, the manual and API entries and the flush need beyond the seed.
-- Every deviation is explained in db/README.md, section "Attendance".

-- Where an event came from (CAMERA / API / MANUAL), whether it was a repeat sighting inside the organization's
-- repeat window (kept as evidence, never flips IN/OUT), and the operator's reason for a manual one.
ALTER TABLE attendance_logs
    ADD COLUMN source    VARCHAR(20) NOT NULL DEFAULT 'CAMERA' CHECK (source IN ('CAMERA', 'API', 'MANUAL')),
    ADD COLUMN is_repeat BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN reason    TEXT,
    ADD CONSTRAINT attendance_logs_event_type_check CHECK (event_type IN ('IN', 'OUT'));

-- A manual correction says why; the flush never overwrites a MANUAL record's times.
ALTER TABLE attendance_records
    ADD COLUMN reason TEXT,
    ADD CONSTRAINT attendance_records_source_check CHECK (source IN ('CAMERA', 'API', 'MANUAL'));

-- The flush looks for days with unlinked logs: a small partial index, empty once everything is flushed.
CREATE INDEX idx_attendance_logs_unflushed ON attendance_logs(organization_id, attendance_date)
    WHERE attendance_id IS NULL;
