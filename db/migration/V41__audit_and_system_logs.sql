-- Audit and system logs at volume (seed section 3). Measured and explained in db/README.md, "Audit and logs".

-- BRIN on the insert-ordered timestamp: a few pages however large the table grows, and it serves the
-- retention delete and platform-wide time ranges. Tenant queries keep the V1 btree (organization_id, created_at).
CREATE INDEX idx_audit_logs_created_brin ON audit_logs USING brin (created_at) WITH (pages_per_range = 32);
CREATE INDEX idx_audit_logs_org_user_time ON audit_logs(organization_id, user_id, created_at);
CREATE INDEX idx_audit_logs_org_entity ON audit_logs(organization_id, entity_type, entity_id);

-- DEVIATION: the organization a log line was written for (from the logging context), so an ADMIN sees
-- only their own organization's lines; platform lines have none.
ALTER TABLE system_logs ADD COLUMN organization_id UUID;
CREATE INDEX idx_system_logs_created_brin ON system_logs USING brin (created_at) WITH (pages_per_range = 32);
CREATE INDEX idx_system_logs_org_time ON system_logs(organization_id, created_at);
