-- DEVIATION (not in the seed): a transactional outbox for the audit trail. A use case writes its audit record
-- here in the same transaction as the change it records, so a change is never left unaudited (the queue
-- may be down) and a rolled-back change leaves no record. After the commit the record is relayed to the audit
-- queue and deleted; the relayAuditOutbox schedule relays what an instance could not (queue down, crash).
CREATE TABLE audit_outbox (
    id         UUID PRIMARY KEY,
    record     JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_audit_outbox_created ON audit_outbox(created_at);

-- The record's id travels with it, so a redelivered or relayed-twice record is written once.
ALTER TABLE audit_logs ADD COLUMN record_id UUID;
CREATE UNIQUE INDEX idx_audit_logs_record ON audit_logs(record_id) WHERE record_id IS NOT NULL;
