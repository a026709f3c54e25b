package io.rollcall.schedules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** holidays: the organization's calendar (a department's own, where set); the only writer of the table. */
@Repository
public class Holidays {

    /** A holiday; {@code department} null is the whole organization's. */
    public record Holiday(UUID id, LocalDate date, String name, String department) {
    }

    private final JdbcClient jdbc;

    public Holidays(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the holiday; false when the organization already has one that day for that department. */
    public boolean insert(UUID organizationId, Holiday holiday) {
        return jdbc.sql("""
                        INSERT INTO holidays (id, organization_id, holiday_date, name, department) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (organization_id, holiday_date, COALESCE(department, '')) DO NOTHING""")
                .params(holiday.id(), organizationId, holiday.date(), holiday.name(), holiday.department())
                .update() == 1;
    }

    public List<Holiday> list(UUID organizationId, LocalDate from, LocalDate to) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? AND holiday_date BETWEEN ? AND ? ORDER BY holiday_date, department NULLS FIRST")
                .params(organizationId, from, to).query(Holidays::row).list();
    }

    public Optional<Holiday> find(UUID organizationId, UUID id) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? AND id = ?").params(organizationId, id)
                .query(Holidays::row).optional();
    }

    public boolean delete(UUID organizationId, UUID id) {
        return jdbc.sql("DELETE FROM holidays WHERE organization_id = ? AND id = ?").params(organizationId, id).update() == 1;
    }

    /** Per date, the departments it is a holiday for ("" for the whole organization): what WorkCalendar takes. */
    public Map<LocalDate, Set<String>> calendar(UUID organizationId, LocalDate from, LocalDate to) {
        Map<LocalDate, Set<String>> days = new HashMap<>();
        for (Holiday h : list(organizationId, from, to)) {
            days.computeIfAbsent(h.date(), k -> new HashSet<>()).add(h.department() == null ? "" : h.department());
        }
        return days;
    }

    private static final String SELECT = "SELECT id, holiday_date, name, department FROM holidays";

    private static Holiday row(ResultSet rs, int i) throws SQLException {
        return new Holiday(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4));
    }
}
