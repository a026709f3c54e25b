package io.rollcall.audit;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** audit_logs: written in batches, because every mutation of the system produces a row. */
@Repository
public class AuditLogRepository {

    private static final String INSERT = """
            INSERT INTO audit_logs (organization_id, user_id, action, entity_type, entity_id, ip_address, user_agent, created_at)
            VALUES (?, ?, ?, ?, ?, CAST(? AS INET), ?, ?)""";

    private final JdbcTemplate jdbc;

    public AuditLogRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts all records in one JDBC batch (one round trip with reWriteBatchedInserts). */
    public void insertAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, records, records.size(), (ps, r) -> {
            ps.setObject(1, r.organizationId(), Types.OTHER);
            ps.setObject(2, r.userId(), Types.OTHER);
            ps.setString(3, r.action());
            ps.setString(4, r.entityType());
            ps.setString(5, r.entityId());
            ps.setString(6, r.ipAddress() == null || r.ipAddress().isBlank() ? null : r.ipAddress());
            ps.setString(7, r.userAgent());
            ps.setTimestamp(8, Timestamp.from(r.occurredAt() == null ? Instant.now() : r.occurredAt()));
        });
    }
}
