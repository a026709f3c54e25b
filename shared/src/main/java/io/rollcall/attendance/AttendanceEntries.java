package io.rollcall.attendance;

import java.sql.Timestamp;
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

import io.rollcall.audit.AuditTrail;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.identity.Caller;
import io.rollcall.platform.Queues;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    /** Thrown with per-field messages when entries are invalid. */
    public static class InvalidEntries extends RuntimeException {
        private final Map<String, String> fields;

        public InvalidEntries(Map<String, String> fields) {
            super("invalid attendance entries: " + fields);
            this.fields = fields;
        }

        public Map<String, String> fields() {
            return fields;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AttendanceDirectory directory;
    private final AttendanceLog logs;
    private final TodayCache today;
    private final OrganizationSettingsService settings;
    private final AuditTrail audit;
    private final Queues queues;

    public AttendanceEntries(JdbcClient jdbc, TransactionTemplate transactions, AttendanceDirectory directory,
                             AttendanceLog logs, TodayCache today, OrganizationSettingsService settings,
                             AuditTrail audit, Queues queues) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.directory = directory;
        this.logs = logs;
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
    public Optional<UUID> correctDay(Caller caller, UUID userId, LocalDate date, Correction correction,
                                     String ip, String userAgent) {
        if (directory.person(caller.organizationId(), userId).isEmpty()) {
            return Optional.empty();
        }
        ZoneId zone = settings.forOrganization(caller.organizationId()).timeZone();
        Instant firstIn = millis(correction.firstIn());
        Instant lastOut = millis(correction.lastOut());
        Map<String, String> problems = new LinkedHashMap<>();
        checkOnDate(problems, "firstIn", firstIn, date, zone);
        checkOnDate(problems, "lastOut", lastOut, date, zone);
        if (firstIn != null && lastOut != null && !lastOut.isAfter(firstIn)) {
            problems.put("lastOut", "must be after firstIn");
        }
        if (!problems.isEmpty()) {
            throw new InvalidEntries(problems);
        }
        UUID org = caller.organizationId();
        List<DayEvent> events = new ArrayList<>();
        UUID recordId = transactions.execute(tx -> {
            logs.lockPerson(userId);
            UUID id = jdbc.sql("""
                            INSERT INTO attendance_records AS r (organization_id, user_id, attendance_date, first_in_time,
                                last_out_time, total_minutes, source, confidence, reason)
                            VALUES (?, ?, ?, ?, ?, ?, 'MANUAL', NULL, ?)
                            ON CONFLICT (user_id, attendance_date) DO UPDATE SET
                                first_in_time = EXCLUDED.first_in_time, last_out_time = EXCLUDED.last_out_time,
                                total_minutes = EXCLUDED.total_minutes, source = 'MANUAL', confidence = NULL,
                                reason = EXCLUDED.reason, updated_at = now()
                            RETURNING id""")
                    .params(org, userId, date, timestamp(firstIn), timestamp(lastOut),
                            firstIn != null && lastOut != null ? (int) ChronoUnit.MINUTES.between(firstIn, lastOut) : null,
                            correction.reason())
                    .query(UUID.class).single();
            for (Instant time : new Instant[] {firstIn, lastOut}) {
                if (time != null) {
                    EventType type = time == firstIn ? EventType.IN : EventType.OUT;
                    AttendanceLog.Entry entry = new AttendanceLog.Entry(UUID.randomUUID(), org, userId, date, type, time,
                            null, null, AttendanceSource.MANUAL, false, correction.reason(), id);
                    logs.insert(entry);
                    events.add(entry.event());
                }
            }
            jdbc.sql("""
                            UPDATE attendance_logs SET attendance_id = ?
                            WHERE organization_id = ? AND user_id = ? AND attendance_date = ? AND attendance_id IS NULL""")
                    .params(id, org, userId, date).update();
            return id;
        });
        Instant now = Instant.now();
        if (!date.isBefore(LocalDate.ofInstant(now, zone))) {
            today.apply(org, userId, date, events, TodayCache.ttl(date, zone, now));
        }
        audit.record(org, caller.userId(), "ATTENDANCE_CORRECTED", "ATTENDANCE_RECORD", recordId.toString(), ip, userAgent);
        return Optional.of(recordId);
    }

    /**
     * Validates an integration's events against the caller's organization and queues them as API sightings:
     * markAttendance then treats them exactly like a camera's (idempotent by eventId).
     */
    public int postEvents(Caller caller, List<ApiEvent> events, String ip, String userAgent) {
        UUID org = caller.organizationId();
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
                    e.confidence() == null ? 1.0 : e.confidence(), AttendanceSource.API.name());
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
            throw new InvalidEntries(problems);
        }
        for (Sighting sighting : sightings) {
            queues.send(Queues.Name.ATTENDANCE, sighting);
            audit.record(org, caller.userId(), "ATTENDANCE_EVENT_POSTED", "ATTENDANCE_EVENT",
                    sighting.eventId().toString(), ip, userAgent);
        }
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

    private static Timestamp timestamp(Instant time) {
        return time == null ? null : Timestamp.from(time);
    }
}
