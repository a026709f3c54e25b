package io.rollcall.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.domain.DomainException;
import io.rollcall.platform.Queues;
import io.rollcall.timesheets.TimesheetLocks;
import org.springframework.stereotype.Service;

/**
 * An integration posts attendance events (source API): validated against the actor's organization, then queued
 * as sightings, so markAttendance treats them exactly like a camera's (idempotent by eventId). Audited. An event
 * on a day of a locked pay period is refused (409 period_locked).
 */
@Service
public class PostAttendanceEvents {

    /** One event an integration posts; eventId makes its retries harmless. */
    public record ApiEvent(UUID eventId, UUID userId, UUID cameraId, Instant time, Double confidence) {
    }

    private final AttendanceDirectory directory;
    private final AuditTrail audit;
    private final Queues queues;
    private final OrganizationSettingsService settings;
    private final TimesheetLocks timesheetLocks;

    public PostAttendanceEvents(AttendanceDirectory directory, AuditTrail audit, Queues queues,
                                OrganizationSettingsService settings, TimesheetLocks timesheetLocks) {
        this.directory = directory;
        this.audit = audit;
        this.queues = queues;
        this.settings = settings;
        this.timesheetLocks = timesheetLocks;
    }

    /** Queues the events, all or none; returns how many. */
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
        // a late event for a locked pay period is refused now (409), not dead-lettered after a 202
        ZoneId zone = settings.forOrganization(org).timeZone();
        for (int i = 0; i < sightings.size(); i++) {
            Sighting s = sightings.get(i);
            timesheetLocks.requireOpen(org, s.userId(), LocalDate.ofInstant(s.capturedAt(), zone), "events[" + i + "].time");
        }
        queues.sendAll(Queues.Name.ATTENDANCE, sightings);
        audit.recordAll(actor, AuditAction.ATTENDANCE_EVENT_POSTED,
                sightings.stream().map(sighting -> sighting.eventId().toString()).toList());
        return sightings.size();
    }
}
