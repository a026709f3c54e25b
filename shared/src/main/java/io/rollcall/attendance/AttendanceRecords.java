package io.rollcall.attendance;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * attendance_records, one row per person and day: the only writer of the table. A record is computed from the
 * logs linked to it, except a MANUAL one, whose times an operator stated and no flush overwrites.
 */
@Repository
public class AttendanceRecords {

    private final JdbcClient jdbc;

    public AttendanceRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An operator's statement of a person's day: the record becomes MANUAL with these times and the reason. */
    public UUID upsertManual(UUID organizationId, UUID userId, LocalDate date, Instant firstIn, Instant lastOut,
                             String reason) {
        return jdbc.sql("""
                        INSERT INTO attendance_records AS r (organization_id, user_id, attendance_date, first_in_time,
                            last_out_time, total_minutes, source, confidence, reason)
                        VALUES (?, ?, ?, ?, ?, ?, 'MANUAL', NULL, ?)
                        ON CONFLICT (user_id, attendance_date) DO UPDATE SET
                            first_in_time = EXCLUDED.first_in_time, last_out_time = EXCLUDED.last_out_time,
                            total_minutes = EXCLUDED.total_minutes, source = 'MANUAL', confidence = NULL,
                            reason = EXCLUDED.reason, updated_at = now()
                        RETURNING id""")
                .params(organizationId, userId, date, timestamp(firstIn), timestamp(lastOut),
                        firstIn != null && lastOut != null ? (int) ChronoUnit.MINUTES.between(firstIn, lastOut) : null,
                        reason)
                .query(UUID.class).single();
    }

    /** A record for every person of the day with unlinked logs (one person's, when {@code userId} is set). */
    public void ensureForUnlinkedLogs(UUID organizationId, LocalDate date, UUID userId) {
        jdbc.sql("""
                        INSERT INTO attendance_records (organization_id, user_id, attendance_date)
                        SELECT DISTINCT organization_id, user_id, attendance_date FROM attendance_logs
                        WHERE organization_id = :org AND attendance_date = :date AND attendance_id IS NULL
                          AND (CAST(:user AS uuid) IS NULL OR user_id = :user)
                        ON CONFLICT (user_id, attendance_date) DO NOTHING""")
                .param("org", organizationId).param("date", date).param("user", userId).update();
    }

    /**
     * Recomputes the day's records (one person's, when {@code userId} is set) from the logs linked to them; a
     * MANUAL record keeps its times, and a record that would not change is not rewritten.
     */
    public void recomputeFromLinkedLogs(UUID organizationId, LocalDate date, UUID userId) {
        jdbc.sql("""
                        WITH day AS (
                            SELECT attendance_id,
                                   min(event_time) FILTER (WHERE event_type = 'IN' AND NOT is_repeat) AS first_in,
                                   max(event_time) FILTER (WHERE event_type = 'OUT' AND NOT is_repeat) AS last_out,
                                   CASE WHEN bool_or(source = 'CAMERA') THEN 'CAMERA'
                                        WHEN bool_or(source = 'API') THEN 'API' ELSE 'MANUAL' END AS source,
                                   round(avg(confidence) FILTER (WHERE NOT is_repeat), 2) AS confidence
                            FROM attendance_logs
                            WHERE organization_id = :org AND attendance_date = :date AND attendance_id IS NOT NULL
                              AND (CAST(:user AS uuid) IS NULL OR user_id = :user)
                            GROUP BY attendance_id
                        ), computed AS (
                            SELECT attendance_id, first_in, last_out, source, confidence,
                                   CASE WHEN last_out > first_in
                                        THEN floor(extract(epoch FROM last_out - first_in) / 60)::int END AS minutes
                            FROM day
                        )
                        UPDATE attendance_records r SET first_in_time = c.first_in, last_out_time = c.last_out,
                            total_minutes = c.minutes, source = c.source, confidence = c.confidence, updated_at = now()
                        FROM computed c
                        WHERE r.id = c.attendance_id AND r.source IS DISTINCT FROM 'MANUAL'
                          AND (r.first_in_time, r.last_out_time, r.total_minutes, r.source, r.confidence)
                              IS DISTINCT FROM (c.first_in, c.last_out, c.minutes, c.source, c.confidence)""")
                .param("org", organizationId).param("date", date).param("user", userId).update();
    }

    public int count(UUID organizationId, LocalDate date) {
        return jdbc.sql("SELECT count(*) FROM attendance_records WHERE organization_id = ? AND attendance_date = ?")
                .params(organizationId, date).query(Integer.class).single();
    }

    private static Timestamp timestamp(Instant time) {
        return time == null ? null : Timestamp.from(time);
    }
}
