package io.rollcall.faces.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** biometric_consents: its only writer. Every query filters by organization. */
@Repository
public class BiometricConsents {

    /** One consent as recorded, open while {@code withdrawnAt} is null. */
    public record Consent(UUID id, UUID userId, String textVersion, ConsentMethod method, Instant consentedAt,
                          UUID recordedBy, Instant recordedAt, Instant withdrawnAt, UUID withdrawnBy, String withdrawalReason) {
    }

    private static final String COLUMNS = """
            id, user_id, text_version, method, consented_at, recorded_by, recorded_at, withdrawn_at, withdrawn_by,
            withdrawal_reason""";

    private final JdbcClient jdbc;

    public BiometricConsents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Consent> open(UUID organizationId, UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM biometric_consents WHERE organization_id = ? AND user_id = ? AND withdrawn_at IS NULL")
                .params(organizationId, userId).query(BiometricConsents::row).optional();
    }

    /** Every consent of the person, newest first. */
    public List<Consent> history(UUID organizationId, UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM biometric_consents WHERE organization_id = ? AND user_id = ? ORDER BY recorded_at DESC, id")
                .params(organizationId, userId).query(BiometricConsents::row).list();
    }

    /** Inserts an open consent; false when the person already has one (the partial unique index decides). */
    public boolean insert(UUID organizationId, UUID id, UUID userId, String textVersion, ConsentMethod method,
                          Instant consentedAt, UUID recordedBy) {
        return jdbc.sql("""
                INSERT INTO biometric_consents (id, organization_id, user_id, text_version, method, consented_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(id, organizationId, userId, textVersion, method.name(), Timestamp.from(consentedAt), recordedBy)
                .update() == 1;
    }

    /** Closes the person's open consent; the closed row, if there was one. */
    public Optional<Consent> withdraw(UUID organizationId, UUID userId, Instant at, UUID by, String reason) {
        return jdbc.sql("UPDATE biometric_consents SET withdrawn_at = ?, withdrawn_by = ?, withdrawal_reason = ? "
                        + "WHERE organization_id = ? AND user_id = ? AND withdrawn_at IS NULL RETURNING " + COLUMNS)
                .params(Timestamp.from(at), by, reason, organizationId, userId).query(BiometricConsents::row).optional();
    }

    private static Consent row(ResultSet rs, int n) throws SQLException {
        return new Consent(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                ConsentMethod.valueOf(rs.getString(4)), rs.getTimestamp(5).toInstant(), rs.getObject(6, UUID.class),
                rs.getTimestamp(7).toInstant(), instant(rs.getTimestamp(8)), rs.getObject(9, UUID.class), rs.getString(10));
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
