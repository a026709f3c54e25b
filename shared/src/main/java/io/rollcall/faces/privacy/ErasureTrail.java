package io.rollcall.faces.privacy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit trail of one erasure request, read from audit_logs: the request's own rows (requested, executed or
 * refused) and the rows about the person recorded while it was open and when it was decided (consent withdrawn,
 * biometric data erased). Audit rows reach audit_logs through the audit queue, so a decision of the last seconds
 * may not be there yet.
 */
@Component
public class ErasureTrail {

    /** One audit row; {@code actorUsername} null for the system or the platform. */
    public record Entry(long id, Instant createdAt, String action, String entityType, String entityId, UUID actorUserId,
                        String actorUsername, String ipAddress, String userAgent) {
    }

    static final String[] HEADER = {"created_at", "action", "entity_type", "entity_id", "actor_user_id", "actor_username",
            "ip_address", "user_agent"};

    private final JdbcClient jdbc;

    public ErasureTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Entry> of(UUID organizationId, ErasureRequests.ErasureRequest request) {
        Instant until = request.decidedAt() == null ? Instant.now() : request.decidedAt();
        return jdbc.sql("""
                SELECT a.id, a.created_at, a.action, a.entity_type, a.entity_id, a.user_id, u.username,
                       host(a.ip_address), a.user_agent
                FROM audit_logs a LEFT JOIN users u ON u.id = a.user_id
                WHERE a.organization_id = :org
                  AND ((a.entity_type = 'ERASURE_REQUEST' AND a.entity_id = :request)
                       OR (a.entity_type = 'USER' AND a.entity_id = :user
                           AND a.action IN ('CONSENT_WITHDRAWN', 'BIOMETRICS_ERASED')
                           AND a.created_at BETWEEN :from AND :until))
                ORDER BY a.created_at, a.id""")
                .param("org", organizationId).param("request", request.id().toString())
                .param("user", request.userId().toString())
                .param("from", Timestamp.from(request.requestedAt()))
                .param("until", Timestamp.from(until.plusSeconds(60))) // the decision's rows are stamped as it runs
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7), rs.getString(8), rs.getString(9)))
                .list();
    }

    /** RFC 4180 CSV, with a leading =, +, - or @ defused so a spreadsheet never runs a cell as a formula. */
    static String csv(List<Entry> entries) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (Entry e : entries) {
                csv.printRecord(e.createdAt(), e.action(), e.entityType(), e.entityId(), e.actorUserId(),
                        safe(e.actorUsername()), e.ipAddress(), safe(e.userAgent()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String safe(String value) {
        return value == null || value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
    }
}
