package io.rollcall.health;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** system_health: one row per dependency per check, and one for the reporting service itself. */
@Repository
public class SystemHealthRepository {

    private final JdbcTemplate jdbc;

    public SystemHealthRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String serviceName, HealthReport report) {
        List<Object[]> rows = new ArrayList<>();
        Timestamp at = Timestamp.from(report.checkedAt());
        rows.add(new Object[] {serviceName, report.status().name(), report.cpuUsagePercent(), report.memoryUsagePercent(), at});
        for (DependencyHealth dependency : report.dependencies()) {
            rows.add(new Object[] {dependency.name(), dependency.status().name(), null, null, at});
        }
        jdbc.batchUpdate("INSERT INTO system_health (service_name, status, cpu_usage, memory_usage, recorded_at) VALUES (?, ?, ?, ?, ?)", rows);
    }

    /** The last recorded status of every service, to see what changed since. */
    public Map<String, HealthStatus> latestStatuses() {
        Map<String, HealthStatus> statuses = new HashMap<>();
        jdbc.query("SELECT DISTINCT ON (service_name) service_name, status FROM system_health ORDER BY service_name, recorded_at DESC, id DESC",
                rs -> {
                    statuses.put(rs.getString(1), HealthStatus.valueOf(rs.getString(2)));
                });
        return statuses;
    }
}
