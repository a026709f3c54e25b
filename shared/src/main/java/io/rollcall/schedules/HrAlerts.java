package io.rollcall.schedules;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** hr_alerts: which alert was raised for which person and day; the only writer of the table. */
@Repository
public class HrAlerts {

    private final JdbcClient jdbc;

    public HrAlerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** "userId|date|type" of every alert already raised in the organization on those days. */
    public Set<String> raised(UUID organizationId, LocalDate from, LocalDate to) {
        return new HashSet<>(jdbc.sql("""
                        SELECT user_id || '|' || alert_date || '|' || alert_type FROM hr_alerts
                        WHERE organization_id = ? AND alert_date BETWEEN ? AND ?""")
                .params(organizationId, from, to).query(String.class).list());
    }

    /** Marks the alert raised; false when it already was (another run got there first). */
    public boolean mark(UUID organizationId, UUID userId, LocalDate date, String type, UUID eventId) {
        return jdbc.sql("""
                        INSERT INTO hr_alerts (organization_id, user_id, alert_date, alert_type, event_id)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(organizationId, userId, date, type, eventId).update() == 1;
    }

    /** The active organizations that turned any HR alert on. */
    public List<UUID> organizationsWithAlerts() {
        return jdbc.sql("""
                        SELECT o.id FROM organizations o JOIN system_configs c ON c.organization_id = o.id
                        WHERE o.is_active AND c.config_key = 'hr.alerts' AND jsonb_array_length(c.config_value) > 0""")
                .query(UUID.class).list();
    }
}
