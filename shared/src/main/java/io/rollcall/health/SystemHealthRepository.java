package io.rollcall.health;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

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
}
