package io.rollcall.audit;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the audit log of one organization. Pages are keyset pages on (created_at, id): the next page starts
 * after the last row seen, so deep pages cost what the first one does.
 */
@Repository
public class AuditLogQueries {

    private final JdbcClient jdbc;

    public AuditLogQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Map<String, Object>> find(UUID organizationId, AuditQuery q) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, user_id AS "userId", action, entity_type AS "entityType", entity_id AS "entityId",
                       host(ip_address) AS "ipAddress", user_agent AS "userAgent", created_at AS "createdAt"
                FROM audit_logs WHERE organization_id = ?""");
        List<Object> params = new ArrayList<>(List.of(organizationId));
        condition(sql, params, " AND user_id = ?", q.userId());
        condition(sql, params, " AND entity_type = ?", q.entityType());
        condition(sql, params, " AND entity_id = ?", q.entityId());
        condition(sql, params, " AND action = ?", q.action());
        condition(sql, params, " AND created_at >= ?", q.from() == null ? null : Timestamp.from(q.from()));
        condition(sql, params, " AND created_at < ?", q.to() == null ? null : Timestamp.from(q.to()));
        if (q.beforeId() != null) {
            sql.append(" AND (created_at, id) < (SELECT created_at, id FROM audit_logs WHERE id = ? AND organization_id = ?)");
            params.add(q.beforeId());
            params.add(organizationId);
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        params.add(q.limit());
        return jdbc.sql(sql.toString()).params(params).query().listOfRows();
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            params.add(value);
        }
    }
}
