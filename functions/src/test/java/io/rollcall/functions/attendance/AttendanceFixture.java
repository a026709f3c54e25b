package io.rollcall.functions.attendance;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import io.rollcall.attendance.Sighting;
import io.rollcall.attendance.AttendanceSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Organizations, users and cameras inserted with plain SQL (identity owns these tables; attendance only reads
 * them). Each organization gets a zone in which it is now about noon, so "today" has room on both sides.
 */
final class AttendanceFixture {

    final JdbcTemplate jdbc;
    final UUID org = UUID.randomUUID();
    final ZoneId zone;

    AttendanceFixture(JdbcTemplate jdbc, int repeatWindowMinutes) {
        this(jdbc, repeatWindowMinutes, noonZone());
    }

    AttendanceFixture(JdbcTemplate jdbc, int repeatWindowMinutes, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
        jdbc.update("INSERT INTO organizations (id, name, legal_name, code) VALUES (?, 'Org', 'Org Ltd', ?)",
                org, "org-" + org);
        jdbc.update("INSERT INTO system_configs (organization_id, config_key, config_value) VALUES (?, ?, to_jsonb(?::text))",
                org, "organization.time_zone", zone.getId());
        jdbc.update("INSERT INTO system_configs (organization_id, config_key, config_value) VALUES (?, ?, to_jsonb(?::int))",
                org, "attendance.repeat_window_minutes", repeatWindowMinutes);
    }

    /** The fixed-offset zone where the local time is now closest to 12:00. */
    static ZoneId noonZone() {
        int utcHour = LocalDateTime.now(ZoneOffset.UTC).getHour();
        int offset = 12 - utcHour;
        if (offset > 14) {
            offset -= 24;
        } else if (offset < -12) {
            offset += 24;
        }
        return ZoneOffset.ofHours(offset);
    }

    UUID user(String name, String department) {
        return user(name, department, true, false);
    }

    UUID user(String name, String department, boolean active, boolean deleted) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO users (id, organization_id, username, password_hash, role_id, is_active, is_deleted)
                VALUES (?, ?, ?, 'x', 3, ?, ?)""", id, org, name + "-" + id, active, deleted);
        jdbc.update("INSERT INTO user_profiles (user_id, full_name, department) VALUES (?, ?, ?)", id, name, department);
        return id;
    }

    UUID camera(String direction) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO cameras (id, organization_id, name, direction) VALUES (?, ?, ?, ?)",
                id, org, "cam-" + id, direction);
        return id;
    }

    Sighting sighting(UUID user, UUID camera, Instant at) {
        return new Sighting(UUID.randomUUID(), org, user, camera, at, 0.9, AttendanceSource.CAMERA);
    }

    /** Today in this organization, at a local time (hours after midnight). */
    Instant today(double hours) {
        return java.time.LocalDate.now(zone).atStartOfDay(zone).toInstant().plusSeconds((long) (hours * 3600));
    }

    java.time.LocalDate date() {
        return java.time.LocalDate.now(zone);
    }
}
