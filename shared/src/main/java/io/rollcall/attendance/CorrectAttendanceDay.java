package io.rollcall.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.domain.DomainException;
import io.rollcall.timesheets.TimesheetLocks;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An operator states a person's day (source MANUAL, with a mandatory reason): the record keeps those times,
 * the flush never overwrites them, and the correction is audited. A day of a locked pay period is refused.
 */
@Service
public class CorrectAttendanceDay {

    /** An operator's statement of a person's day: at least one time, always a reason. */
    public record Correction(Instant firstIn, Instant lastOut, String reason) {
    }

    private final TransactionTemplate transactions;
    private final AttendanceDirectory directory;
    private final AttendanceLog logs;
    private final AttendanceRecords records;
    private final TodayCache today;
    private final OrganizationSettingsService settings;
    private final AuditTrail audit;
    private final TimesheetLocks timesheetLocks;

    public CorrectAttendanceDay(TransactionTemplate transactions, AttendanceDirectory directory, AttendanceLog logs,
                                AttendanceRecords records, TodayCache today, OrganizationSettingsService settings,
                                AuditTrail audit, TimesheetLocks timesheetLocks) {
        this.transactions = transactions;
        this.directory = directory;
        this.logs = logs;
        this.records = records;
        this.today = today;
        this.settings = settings;
        this.audit = audit;
        this.timesheetLocks = timesheetLocks;
    }

    /**
     * Records or corrects a person's day: the record becomes MANUAL (the flush never overwrites it), the given
     * times are logged as MANUAL events with the reason, the day's other logs are linked to the record. Empty if
     * the person is not in the caller's organization.
     */
    public Optional<UUID> correctDay(Actor actor, UUID userId, LocalDate date, Correction correction) {
        UUID org = actor.organizationId();
        if (directory.person(org, userId).isEmpty()) {
            return Optional.empty();
        }
        ZoneId zone = settings.forOrganization(org).timeZone();
        Instant firstIn = millis(correction.firstIn());
        Instant lastOut = millis(correction.lastOut());
        Map<String, String> problems = new LinkedHashMap<>();
        checkOnDate(problems, "firstIn", firstIn, date, zone);
        checkOnDate(problems, "lastOut", lastOut, date, zone);
        if (firstIn != null && lastOut != null && !lastOut.isAfter(firstIn)) {
            problems.put("lastOut", "must be after firstIn");
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        List<DayEvent> events = new ArrayList<>();
        UUID recordId = transactions.execute(tx -> {
            logs.lockPerson(userId);
            timesheetLocks.beforeChange(actor, userId, date, "date"); // 409 in a locked pay period
            UUID id = records.upsertManual(org, userId, date, firstIn, lastOut, correction.reason());
            for (Instant time : new Instant[] {firstIn, lastOut}) {
                if (time != null) {
                    EventType type = time == firstIn ? EventType.IN : EventType.OUT;
                    AttendanceLog.Entry entry = new AttendanceLog.Entry(UUID.randomUUID(), org, userId, date, type, time,
                            null, null, AttendanceSource.MANUAL, false, correction.reason(), id);
                    logs.insert(entry);
                    events.add(entry.event());
                }
            }
            logs.linkToRecords(org, date, userId);
            audit.record(actor, AuditAction.ATTENDANCE_CORRECTED, id); // commits with the correction
            return id;
        });
        Instant now = Instant.now();
        if (!date.isBefore(LocalDate.ofInstant(now, zone))) {
            today.apply(org, userId, date, events, TodayCache.ttl(date, zone, now));
        }
        return Optional.of(recordId);
    }

    private static void checkOnDate(Map<String, String> problems, String field, Instant time, LocalDate date, ZoneId zone) {
        if (time != null && !LocalDate.ofInstant(time, zone).equals(date)) {
            problems.put(field, "is not on " + date + " in the organization's time zone " + zone);
        }
    }

    private static Instant millis(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MILLIS);
    }
}
