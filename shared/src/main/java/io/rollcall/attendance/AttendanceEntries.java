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
import io.rollcall.platform.Queues;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Attendance that does not come from a camera: an operator's correction of a day (source MANUAL, with a
 * reason) and an integration's events (source API, through the attendance queue like any sighting). Both audited.
 */
@Service
public class AttendanceEntries {

    /** An operator's statement of a person's day: at least one time, always a reason. */
    public record Correction(Instant firstIn, Instant lastOut, String reason) {
    }

    /** One event an integration posts; eventId makes its retries harmless. */
    public record ApiEvent(UUID eventId, UUID userId, UUID cameraId, Instant time, Double confidence) {
    }

    private final TransactionTemplate transactions;
    private final AttendanceDirectory directory;
    private final AttendanceLog logs;
    private final AttendanceRecords records;
    private final TodayCache today;
    private final OrganizationSettingsService settings;
    private final AuditTrail audit;
    private final Queues queues;

    public AttendanceEntries(TransactionTemplate transactions, AttendanceDirectory directory, AttendanceLog logs,
                             AttendanceRecords records, TodayCache today, OrganizationSettingsService settings,
                             AuditTrail audit, Queues queues) {
        this.transactions = transactions;
        this.directory = directory;
        this.logs = logs;
        this.records = records;
        this.today = today;
        this.settings = settings;
        this.audit = audit;
        this.queues = queues;
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
            return id;
        });
        Instant now = Instant.now();
        if (!date.isBefore(LocalDate.ofInstant(now, zone))) {
            today.apply(org, userId, date, events, TodayCache.ttl(date, zone, now));
        }
        audit.record(actor, AuditAction.ATTENDANCE_CORRECTED, recordId);
        return Optional.of(recordId);
    }

    /**
     * Validates an integration's events against the caller's organization and queues them as API sightings:
     * markAttendance then treats them exactly like a camera's (idempotent by eventId).
     */
    public int postEvents(Actor actor, List<ApiEvent> events) {
        UUID org = actor.organizationId();
        Map<String, String> problems = new LinkedHashMap<>();
        List<Sighting> sightings = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < events.size(); i++) {
            ApiEvent e = events.get(i);
            String at = "events[" + i + "].";
            if (e == null) {
                problems.put("events[" + i + "]", "is required");
                continue;
            }
            Sighting sighting = new Sighting(e.eventId(), org, e.userId(), e.cameraId(), e.time(),
                    e.confidence() == null ? 1.0 : e.confidence(), AttendanceSource.API);
            sighting.problems(now).forEach(p -> problems.merge(at + p.split(" ")[0], p, (a, b) -> a + "; " + b));
            if (e.userId() != null && directory.person(org, e.userId()).filter(AttendanceDirectory.Person::canAttend).isEmpty()) {
                problems.put(at + "userId", "no such active user in this organization");
            }
            if (e.cameraId() != null && directory.cameraDirection(org, e.cameraId()).isEmpty()) {
                problems.put(at + "cameraId", "no such camera in this organization");
            }
            sightings.add(sighting);
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        queues.sendAll(Queues.Name.ATTENDANCE, sightings);
        audit.recordAll(actor, AuditAction.ATTENDANCE_EVENT_POSTED,
                sightings.stream().map(sighting -> sighting.eventId().toString()).toList());
        return sightings.size();
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
