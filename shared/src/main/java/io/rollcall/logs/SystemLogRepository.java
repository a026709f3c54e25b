package io.rollcall.logs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** system_logs: appended in batches by the log appender, read by ADMINs for their organization. */
@Repository
public class SystemLogRepository {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public SystemLogRepository(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insertAll(List<SystemLogEntry> entries) {
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (SystemLogEntry e : entries) {
            rows.add(new Object[] {e.level(), e.serviceName(), e.message(), json.writeValueAsString(e.metadata()),
                    e.organizationId(), Timestamp.from(e.at())});
        }
        jdbc.batchUpdate("INSERT INTO system_logs (log_level, service_name, message, metadata, organization_id, created_at) "
                + "VALUES (?, ?, ?, CAST(? AS JSONB), ?, ?)", rows);
    }

    /** An organization's lines, newest first, keyset-paged by id. */
    public List<Map<String, Object>> find(UUID organizationId, String level, String service, Instant from, Instant to,
                                          Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, log_level AS "level", service_name AS "serviceName", message, metadata::text AS "metadata",
                       created_at AS "createdAt" FROM system_logs WHERE organization_id = ?""");
        List<Object> params = new ArrayList<>(List.of(organizationId));
        if (level != null) {
            sql.append(" AND log_level = ?");
            params.add(level);
        }
        if (service != null) {
            sql.append(" AND service_name = ?");
            params.add(service);
        }
        if (from != null) {
            sql.append(" AND created_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND created_at < ?");
            params.add(Timestamp.from(to));
        }
        if (beforeId != null) {
            sql.append(" AND id < ?");
            params.add(beforeId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        List<Map<String, Object>> rows = JdbcClient.create(jdbc).sql(sql.toString()).params(params).query().listOfRows();
        rows.forEach(r -> r.put("metadata", json.readTree((String) r.get("metadata"))));
        return rows;
    }
}
