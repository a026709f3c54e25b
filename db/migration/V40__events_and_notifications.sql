-- Events and notifications (seed section 7), completed for acknowledgement and delivery tracking.
-- Deviations are explained in db/README.md under "Configuration, events, notifications, audit and logs".

-- Who handled an event and when; NULL while it is open.
ALTER TABLE events ADD COLUMN acknowledged_at TIMESTAMPTZ;
ALTER TABLE events ADD COLUMN acknowledged_by UUID REFERENCES users(id);
-- When the source raised it (created_at is when dispatchNotification stored it).
ALTER TABLE events ADD COLUMN occurred_at TIMESTAMPTZ;

CREATE INDEX idx_events_org_type_time ON events(organization_id, event_type, created_at);
CREATE INDEX idx_events_org_open ON events(organization_id, created_at) WHERE acknowledged_at IS NULL;

-- One row per delivery: channel + recipient (an address, a phone number or, for DASHBOARD, a user).
ALTER TABLE notifications ADD COLUMN organization_id UUID REFERENCES organizations(id);
ALTER TABLE notifications ADD COLUMN recipient VARCHAR(255);
ALTER TABLE notifications ADD COLUMN user_id UUID REFERENCES users(id);
ALTER TABLE notifications ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notifications ADD COLUMN last_error TEXT;
ALTER TABLE notifications ADD COLUMN claimed_at TIMESTAMPTZ;      -- a sender is on it (never two at once)
ALTER TABLE notifications ADD COLUMN sent_at TIMESTAMPTZ;
ALTER TABLE notifications ADD COLUMN read_at TIMESTAMPTZ;         -- DASHBOARD only
ALTER TABLE notifications ADD COLUMN updated_at TIMESTAMPTZ DEFAULT NOW();
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
    CHECK (status IN ('PENDING', 'SENT', 'FAILED'));
ALTER TABLE notifications ADD CONSTRAINT notifications_channel_check
    CHECK (channel IN ('EMAIL', 'SMS', 'DASHBOARD'));

-- A redelivered event message finds its rows instead of creating new ones.
CREATE UNIQUE INDEX uq_notifications_delivery ON notifications(event_id, channel, recipient);
CREATE INDEX idx_notifications_user_dashboard ON notifications(user_id, created_at) WHERE channel = 'DASHBOARD';
