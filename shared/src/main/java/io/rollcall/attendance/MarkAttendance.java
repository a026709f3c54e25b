package io.rollcall.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.config.OrganizationSettings;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.timesheets.TimesheetLocks;
import io.rollcall.timesheets.TimesheetException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * markAttendance's use case: a sighting becomes an IN or OUT (or a repeat) of its person's day, durably in
 * attendance_logs first, then in Redis. Idempotent by event id: a redelivered sighting re-applies the stored
 * event to Redis (healing a crash between the two writes) and changes nothing else.
 */
@Service("markAttendanceUseCase")  // "markAttendance" is the function bean
public class MarkAttendance {

    /** What became of a sighting. */
    public sealed interface Outcome {
        record Accepted(AttendanceLog.Entry entry) implements Outcome {
        }

        record Duplicate(AttendanceLog.Entry entry) implements Outcome {
        }

        record Rejected(String reason) implements Outcome {
        }
    }

    private final AttendanceDirectory directory;
    private final AttendanceLog logs;
    private final TodayCache today;
    private final FlushDailyAttendance flush;
    private final OrganizationSettingsService settingsService;
    private final TransactionTemplate transactions;
    private final TimesheetLocks timesheetLocks;

    public MarkAttendance(AttendanceDirectory directory, AttendanceLog logs, TodayCache today, FlushDailyAttendance flush,
                          OrganizationSettingsService settingsService, TransactionTemplate transactions,
                          TimesheetLocks timesheetLocks) {
        this.directory = directory;
        this.logs = logs;
        this.today = today;
        this.flush = flush;
        this.settingsService = settingsService;
        this.transactions = transactions;
        this.timesheetLocks = timesheetLocks;
    }

    public Outcome mark(Sighting sighting) {
        Instant now = Instant.now();
        List<String> problems = sighting.problems(now);
        if (!problems.isEmpty()) {
            return new Outcome.Rejected(String.join("; ", problems));
        }
        UUID org = sighting.organizationId();
        Optional<AttendanceDirectory.Person> person = directory.person(org, sighting.userId());
        if (person.isEmpty()) {
            return new Outcome.Rejected("user " + sighting.userId() + " is not a user of organization " + org);
        }
        if (!person.get().canAttend()) {
            return new Outcome.Rejected("user " + sighting.userId() + " is deleted or inactive");
        }
        CameraDirection direction = CameraDirection.BOTH;
        if (sighting.cameraId() != null) {
            Optional<CameraDirection> camera = directory.cameraDirection(org, sighting.cameraId());
            if (camera.isEmpty()) {
                return new Outcome.Rejected("camera " + sighting.cameraId() + " is not a camera of organization " + org);
            }
            direction = camera.get();
        } else if (sighting.source() == AttendanceSource.CAMERA) {
            return new Outcome.Rejected("a CAMERA sighting needs a cameraId");
        }
        // through the Redis-cached configuration, so an admin's change applies to the next sighting
        OrganizationSettings orgSettings = settingsService.forOrganization(org);
        ZoneId zone = orgSettings.timeZone();
        // millisecond precision everywhere, so Redis and Postgres (microseconds) hold the very same instants
        Instant time = sighting.capturedAt().truncatedTo(ChronoUnit.MILLIS);
        LocalDate date = LocalDate.ofInstant(time, zone);
        CameraDirection cameraDirection = direction;

        Outcome outcome = transactions.execute(tx -> {
            logs.lockPerson(sighting.userId());
            Optional<AttendanceLog.Entry> existing = logs.find(org, sighting.eventId());
            if (existing.isPresent()) {
                return new Outcome.Duplicate(existing.get());
            }
            try {
                timesheetLocks.beforeChange(Actor.system(org), sighting.userId(), date, "capturedAt");
            } catch (TimesheetException locked) {
                // a late sighting for a locked pay period: dead-lettered with the reason, never dropped silently
                return new Outcome.Rejected(locked.code() + ": " + locked.getMessage());
            }
            AttendanceRules.Decision decision = AttendanceRules.decide(cameraDirection,
                    logs.acceptedEvents(org, sighting.userId(), date), time, orgSettings.repeatWindow());
            AttendanceLog.Entry entry = new AttendanceLog.Entry(sighting.eventId(), org, sighting.userId(), date,
                    decision.type(), time, sighting.cameraId(), AttendanceLog.percent(sighting.similarity()),
                    sighting.source(), decision.repeat(), null, null);
            logs.insert(entry);
            return new Outcome.Accepted(entry);
        });

        if (outcome instanceof Outcome.Rejected) {
            return outcome;
        }
        AttendanceLog.Entry entry = outcome instanceof Outcome.Accepted a ? a.entry() : ((Outcome.Duplicate) outcome).entry();
        if (!entry.repeat()) {
            applyToDay(entry, zone, now);
        }
        return outcome;
    }

    /** Puts a logged event where readers look: Redis for the open day, the record for a closed one. */
    void applyToDay(AttendanceLog.Entry entry, ZoneId zone, Instant now) {
        LocalDate todayDate = LocalDate.ofInstant(now, zone);
        if (entry.date().isBefore(todayDate)) {
            flush.flushPersonDay(entry.organizationId(), entry.userId(), entry.date());
        } else {
            today.apply(entry.organizationId(), entry.userId(), entry.date(), List.of(entry.event()),
                    TodayCache.ttl(entry.date(), zone, now));
        }
    }

}
