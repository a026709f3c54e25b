-- Faces: recorded consent to biometric enrollment, one row per consent given. Who consented is the user the
-- row is about; recorded_by is who entered it (an ADMIN, from a signed paper form, a kiosk or the console).
-- A withdrawal closes the row (withdrawn_*), never deletes it: the record of what was agreed and when is the
-- organization's proof, and it holds no biometric data. At most one open consent per person.
CREATE TABLE biometric_consents (
    id                UUID PRIMARY KEY,
    organization_id   UUID NOT NULL REFERENCES organizations(id),
    user_id           UUID NOT NULL REFERENCES users(id),
    text_version      VARCHAR(50) NOT NULL,           -- the version of the consent text the person agreed to
    method            VARCHAR(20) NOT NULL CHECK (method IN ('PAPER', 'KIOSK', 'CONSOLE')),
    consented_at      TIMESTAMPTZ NOT NULL,           -- when the person consented (a paper form may be older)
    recorded_by       UUID REFERENCES users(id),
    recorded_at       TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    withdrawn_at      TIMESTAMPTZ,
    withdrawn_by      UUID REFERENCES users(id),      -- NULL: the system (retention) or the platform
    withdrawal_reason VARCHAR(500)
);

CREATE UNIQUE INDEX uq_biometric_consents_open ON biometric_consents(organization_id, user_id) WHERE withdrawn_at IS NULL;
CREATE INDEX idx_biometric_consents_user ON biometric_consents(organization_id, user_id, recorded_at DESC);
