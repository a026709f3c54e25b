package io.rollcall.schedules;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the HR rules read of attendance (attendance_records, attendance_logs): read only, attendance's
 * repositories stay their tables' only writers.
 */
@Repository
public class AttendanceReadings {

    private final JdbcClient jdbc;

    public AttendanceReadings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The MANUAL records of the range, per person and date: an operator's statement replaces the day's events. */
    public Map<UUID, Map<LocalDate, DayRules.ManualDay>> manualDays(UUID organizationId, LocalDate from, LocalDate to) {
        Map<UUID, Map<LocalDate, DayRules.ManualDay>> days = new HashMap<>();
        jdbc.sql("""
                        SELECT user_id, attendance_date, first_in_time, last_out_time FROM attendance_records
                        WHERE organization_id = ? AND attendance_date BETWEEN ? AND ? AND source = 'MANUAL'""")
                .params(organizationId, from, to)
                .query((rs, i) -> days.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>())
                        .put(rs.getObject(2, LocalDate.class), new DayRules.ManualDay(
                                rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                                rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant())))
                .list();
        return days;
    }
}
