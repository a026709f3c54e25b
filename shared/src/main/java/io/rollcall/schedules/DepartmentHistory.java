package io.rollcall.schedules;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** department_history: since when a person has had each department; the only writer of the table. */
@Repository
public class DepartmentHistory {

    /** The earliest date: the department a person had before their first recorded change. */
    static final LocalDate BEGINNING = LocalDate.of(1900, 1, 1);

    private final JdbcClient jdbc;

    public DepartmentHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that the person moved from {@code before} to {@code after} on {@code date}: their first change
     * also records {@code before} as what they had until then. Recording the same change twice is harmless.
     */
    public void recordChange(UUID organizationId, UUID userId, String before, String after, LocalDate date) {
        jdbc.sql("""
                        INSERT INTO department_history (user_id, organization_id, valid_from, department)
                        SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM department_history WHERE user_id = ?)""")
                .params(userId, organizationId, BEGINNING, before, userId).update();
        jdbc.sql("""
                        INSERT INTO department_history (user_id, organization_id, valid_from, department) VALUES (?, ?, ?, ?)
                        ON CONFLICT (user_id, valid_from) DO UPDATE SET department = EXCLUDED.department""")
                .params(userId, organizationId, date, after).update();
    }

    public Map<UUID, NavigableMap<LocalDate, String>> forOrganization(UUID organizationId) {
        Map<UUID, NavigableMap<LocalDate, String>> history = new HashMap<>();
        jdbc.sql("SELECT user_id, valid_from, department FROM department_history WHERE organization_id = ?")
                .param(organizationId)
                .query((rs, i) -> history.computeIfAbsent(rs.getObject(1, UUID.class), k -> new TreeMap<>())
                        .put(rs.getObject(2, LocalDate.class), rs.getString(3)))
                .list();
        return history;
    }
}
