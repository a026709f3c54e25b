package io.rollcall.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import io.rollcall.config.OrganizationSettingsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes days: attendance_logs → one attendance_records row per person and day, the logs linked to it, the
 * day's Redis keys removed. Computed from the log (the record), never from Redis (a cache), so a lost or
 * expired key loses nothing.
 *
 * <p>Each organization's day is one transaction: a record for everyone with unlinked logs, those logs linked,
 * then each record recomputed from exactly the logs linked to it - a log that arrives meanwhile stays unlinked
 * and uncounted, so the next run sees the day again. A crash leaves the day done or untouched, the next run finds
 * every day that still has unlinked logs (missed days included), and re-running rewrites nothing unchanged.
 */
@Service("flushDailyAttendanceUseCase")  // "flushDailyAttendance" is the function bean
public class FlushDailyAttendance {

    private static final Logger log = LoggerFactory.getLogger(FlushDailyAttendance.class);

    /** One organization's flushed day. */
    public record FlushedDay(UUID organizationId, LocalDate date, int records, int linkedLogs) {
    }

    private final AttendanceLog logs;
    private final AttendanceRecords records;
    private final TransactionTemplate transactions;
    private final TodayCache today;
    private final OrganizationSettingsService settings;
    private final AuditTrail audit;

    public FlushDailyAttendance(AttendanceLog logs, AttendanceRecords records, TransactionTemplate transactions, TodayCache today,
                      OrganizationSettingsService settings, AuditTrail audit) {
        this.audit = audit;
        this.logs = logs;
        this.records = records;
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
        for (AttendanceLog.OrganizationDay day : logs.daysWithUnlinkedLogs()) {
            if (flushed.size() >= maxDays) {
                break;
            }
            if (day.date().isBefore(todayOf(day.organizationId(), now))) {
                flushed.add(flushDay(day.organizationId(), day.date()));
            }
        }
        return flushed;
    }

    /** An ADMIN's on-demand flush of their organization's day, audited. */
    public FlushedDay flushDay(Actor actor, LocalDate date) {
        FlushedDay flushed = flushDay(actor.organizationId(), date);
        audit.record(actor, AuditAction.ATTENDANCE_FLUSHED, date.toString());
        return flushed;
    }

    /** Flushes one organization's day (any day, today included; today's Redis keys then stay). */
    public FlushedDay flushDay(UUID organizationId, LocalDate date) {
        int linked = transactions.execute(tx -> flush(organizationId, date, null));
        int recordCount = records.count(organizationId, date);
        if (date.isBefore(todayOf(organizationId, Instant.now()))) {
            today.forget(organizationId, logs.peopleOn(organizationId, date), date);
        }
        log.info("flushed {} {}: {} records, {} logs linked", organizationId, date, recordCount, linked);
        return new FlushedDay(organizationId, date, recordCount, linked);
    }

    /** Recomputes one person's day: a late event of a closed day, or a correction, lands in its record at once. */
    public void flushPersonDay(UUID organizationId, UUID userId, LocalDate date) {
        transactions.executeWithoutResult(tx -> flush(organizationId, date, userId));
    }

    /** In the caller's transaction; {@code userId} null for everyone. Returns the logs it linked. */
    private int flush(UUID organizationId, LocalDate date, UUID userId) {
        // one flush of an organization's day at a time, so a later flush never writes an older result over a newer one
        logs.lockDay(organizationId, date);
        records.ensureForUnlinkedLogs(organizationId, date, userId);
        int linked = logs.linkToRecords(organizationId, date, userId);
        records.recomputeFromLinkedLogs(organizationId, date, userId);
        return linked;
    }

    private LocalDate todayOf(UUID organizationId, Instant now) {
        return LocalDate.ofInstant(now, settings.forOrganization(organizationId).timeZone());
    }
}
