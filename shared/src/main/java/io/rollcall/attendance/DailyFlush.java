package io.rollcall.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rollcall.config.OrganizationSettingsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes days: attendance_logs → one attendance_records row per person and day, the logs linked to it, the
 * day's Redis keys removed. Computed from the log (the record), never from Redis (a cache), so a lost or
 * expired key loses nothing.
 *
 * <p>Each organization's day is one statement in one transaction: a crash leaves it either done or untouched,
 * and the next run finds every day that still has unlinked logs (missed days included). Re-running recomputes
 * from all of the day's logs and rewrites nothing that has not changed.
 */
@Service
public class DailyFlush {

    private static final Logger log = LoggerFactory.getLogger(DailyFlush.class);

    /** One organization's flushed day. */
    public record FlushedDay(UUID organizationId, LocalDate date, int records, int linkedLogs) {
    }

    // One snapshot for the aggregate and the link: a log is linked only if it was counted. Logs that arrive
    // meanwhile stay unlinked, so the next run sees the day again. A MANUAL record keeps its times.
    private static final String FLUSH = """
            WITH logs AS (
                SELECT id, user_id, attendance_id, event_type, event_time, source, is_repeat, confidence
                FROM attendance_logs
                WHERE organization_id = :org AND attendance_date = :date %s
            ), day AS (
                SELECT user_id,
                       min(event_time) FILTER (WHERE event_type = 'IN' AND NOT is_repeat) AS first_in,
                       max(event_time) FILTER (WHERE event_type = 'OUT' AND NOT is_repeat) AS last_out,
                       CASE WHEN bool_or(source = 'CAMERA') THEN 'CAMERA'
                            WHEN bool_or(source = 'API') THEN 'API' ELSE 'MANUAL' END AS source,
                       round(avg(confidence) FILTER (WHERE NOT is_repeat), 2) AS confidence
                FROM logs GROUP BY user_id
            ), upserted AS (
                INSERT INTO attendance_records AS r (organization_id, user_id, attendance_date, first_in_time,
                    last_out_time, total_minutes, source, confidence)
                SELECT :org, user_id, :date, first_in, last_out,
                       CASE WHEN last_out > first_in THEN floor(extract(epoch FROM last_out - first_in) / 60)::int END,
                       source, confidence
                FROM day
                ON CONFLICT (user_id, attendance_date) DO UPDATE SET
                    first_in_time = EXCLUDED.first_in_time, last_out_time = EXCLUDED.last_out_time,
                    total_minutes = EXCLUDED.total_minutes, source = EXCLUDED.source,
                    confidence = EXCLUDED.confidence, updated_at = now()
                WHERE r.source IS DISTINCT FROM 'MANUAL'
                  AND (r.first_in_time, r.last_out_time, r.total_minutes, r.source, r.confidence)
                      IS DISTINCT FROM (EXCLUDED.first_in_time, EXCLUDED.last_out_time, EXCLUDED.total_minutes,
                                        EXCLUDED.source, EXCLUDED.confidence)
                RETURNING id, user_id
            ), records AS (
                SELECT id, user_id FROM upserted
                UNION
                SELECT id, user_id FROM attendance_records WHERE organization_id = :org AND attendance_date = :date
            )
            UPDATE attendance_logs l SET attendance_id = records.id
            FROM logs, records
            WHERE l.id = logs.id AND logs.attendance_id IS NULL AND records.user_id = logs.user_id""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TodayCache today;
    private final OrganizationSettingsService settings;

    public DailyFlush(JdbcClient jdbc, TransactionTemplate transactions, TodayCache today,
                      OrganizationSettingsService settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.today = today;
        this.settings = settings;
    }

    /**
     * Flushes every closed day (before today in its organization's zone) that still has unlinked logs, oldest
     * first, at most {@code maxDays} of them (the schedule passes no limit).
     */
    public List<FlushedDay> flushClosedDays(Instant now, int maxDays) {
        List<FlushedDay> flushed = new ArrayList<>();
        List<OrgDay> pending = jdbc.sql("""
                        SELECT DISTINCT organization_id, attendance_date FROM attendance_logs
                        WHERE attendance_id IS NULL ORDER BY attendance_date, organization_id""")
                .query((rs, i) -> new OrgDay(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class))).list();
        for (OrgDay day : pending) {
            if (flushed.size() >= maxDays) {
                break;
            }
            if (day.date().isBefore(todayOf(day.organizationId(), now))) {
                flushed.add(flushDay(day.organizationId(), day.date()));
            }
        }
        return flushed;
    }

    /** Flushes one organization's day (on demand: any day, today included; today's Redis keys then stay). */
    public FlushedDay flushDay(UUID organizationId, LocalDate date) {
        int linked = transactions.execute(tx -> {
            lockDay(organizationId, date);
            return jdbc.sql(FLUSH.formatted("")).param("org", organizationId).param("date", date).update();
        });
        int records = jdbc.sql("SELECT count(*) FROM attendance_records WHERE organization_id = ? AND attendance_date = ?")
                .params(organizationId, date).query(Integer.class).single();
        if (date.isBefore(todayOf(organizationId, Instant.now()))) {
            List<UUID> people = jdbc.sql("""
                            SELECT DISTINCT user_id FROM attendance_logs WHERE organization_id = ? AND attendance_date = ?""")
                    .params(organizationId, date).query(UUID.class).list();
            today.forget(organizationId, people, date);
        }
        log.info("flushed {} {}: {} records, {} logs linked", organizationId, date, records, linked);
        return new FlushedDay(organizationId, date, records, linked);
    }

    /** Recomputes one person's day: a late event of a closed day, or a correction, lands in its record at once. */
    public void flushPersonDay(UUID organizationId, UUID userId, LocalDate date) {
        transactions.executeWithoutResult(tx -> {
            lockDay(organizationId, date);
            jdbc.sql(FLUSH.formatted("AND user_id = :user")).param("org", organizationId).param("date", date)
                    .param("user", userId).update();
        });
    }

    /** One flush of an organization's day at a time, so a later flush never writes an older snapshot over a newer one. */
    private void lockDay(UUID organizationId, LocalDate date) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param("flush:" + organizationId + ":" + date)
                .query((rs, i) -> 1).single();
    }

    private LocalDate todayOf(UUID organizationId, Instant now) {
        return LocalDate.ofInstant(now, settings.forOrganization(organizationId).timeZone());
    }

    private record OrgDay(UUID organizationId, LocalDate date) {
    }
}
