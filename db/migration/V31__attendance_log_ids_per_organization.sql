-- A sighting's event id is unique within its organization, not across the platform: with a global key, another
-- tenant that posts an event with the same id (POST /attendance/events takes the caller's ids) would make ours
-- look like a redelivery and suppress it. Redeliveries within one organization still cannot insert twice.
ALTER TABLE attendance_logs DROP CONSTRAINT attendance_logs_pkey;
ALTER TABLE attendance_logs ADD PRIMARY KEY (organization_id, id);
