package io.rollcall.functions.schedules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rollcall.attendance.AttendanceLog;
import io.rollcall.attendance.AttendanceSource;
import io.rollcall.attendance.EventType;
import io.rollcall.schedules.Schedules;
import io.rollcall.schedules.Shift;
import io.rollcall.schedules.ShiftTypes;
import io.rollcall.schedules.WorkCalendar;
import io.rollcall.schedules.ScheduleAssignments;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An organization in a zone with people made with SQL (identity owns those tables), events written through
 * attendance's own repository, and schedules through the schedules feature's repositories.
 */
final class HrFixture {

    final JdbcTemplate jdbc;
    final UUID org = UUID.randomUUID();
    final ZoneId zone;

    HrFixture(JdbcTemplate jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
        jdbc.update("INSERT INTO organizations (id, name, legal_name, code) VALUES (?, 'Org', 'Org Ltd', ?)", org, "org-" + org);
        jdbc.update("INSERT INTO system_configs (organization_id, config_key, config_value) VALUES (?, ?, to_jsonb(?::text))",
                org, "organization.time_zone", zone.getId());
    }

    UUID user(String name, String department) {
        return user(name, department, 3);
    }

    UUID user(String name, String department, int role) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO users (id, organization_id, username, password_hash, role_id) VALUES (?, ?, ?, 'x', ?)",
                id, org, name.toLowerCase() + "-" + id, role);
        jdbc.update("INSERT INTO user_profiles (user_id, full_name, employee_code, department) VALUES (?, ?, ?, ?)",
                id, name, "E-" + name, department);
        return id;
    }

    Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    void event(AttendanceLog logs, UUID user, EventType type, String localDateTime) {
        Instant time = at(localDateTime);
        logs.insert(new AttendanceLog.Entry(UUID.randomUUID(), org, user, LocalDate.ofInstant(time, zone), type, time,
                null, null, AttendanceSource.API, false, null, null));
    }

    /** A shift type and a one-week schedule working it Monday to Friday. */
    UUID weekdaySchedule(ShiftTypes types, Schedules schedules, String name, Shift shift) {
        UUID type = UUID.randomUUID();
        types.insert(org, new ShiftTypes.ShiftType(type, name, shift));
        List<UUID> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            days.add(i < 5 ? type : null);
        }
        UUID id = UUID.randomUUID();
        schedules.insert(org, new Schedules.Schedule(id, name, zone.getId(), 1, LocalDate.of(2026, 1, 5), days));
        return id;
    }

    void assign(ScheduleAssignments assignments, UUID schedule, WorkCalendar.Scope scope, String department, UUID user,
                LocalDate from, LocalDate to) {
        assignments.insert(org, new WorkCalendar.Assignment(UUID.randomUUID(), schedule, scope, department, user, from, to));
    }

    static Shift nineToFive() {
        return Shift.fixed(LocalTime.of(9, 0), LocalTime.of(17, 0), 30);
    }
}
