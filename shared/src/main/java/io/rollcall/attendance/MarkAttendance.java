package io.rollcall.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.rollcall.attendance.AttendanceLog.PersonDay;
import io.rollcall.audit.Actor;
import io.rollcall.config.OrganizationSettings;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.timesheets.TimesheetException;
import io.rollcall.timesheets.TimesheetLocks;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * markAttendance's use case: a sighting becomes an IN or OUT (or a repeat) of its person's day, durably in
 * attendance_logs first, then in Redis. Idempotent by event id: a redelivered sighting re-applies the stored
 * event to Redis (healing a crash between the two writes) and changes nothing else.
 *
 * <p>A whole SQS batch is one transaction per organization, with a handful of queries whatever its size: the
 * people, cameras, known event ids and the earlier events the decisions can see are read at once, the sightings decided in the
 * batch's order against those (each decision seeing the ones before it, exactly as one at a time would), and the
 * new rows written in one JDBC batch. Bad sightings are rejected one by one; the others go on.
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
        return markAll(List.of(sighting)).get(0);
    }

    /**
     * Marks a batch; the outcomes are in the sightings' order. A failure of Postgres or Redis throws, and the whole
     * batch may be delivered again: every sighting already logged then comes back a Duplicate and is re-applied.
     */
    public List<Outcome> markAll(List<Sighting> sightings) {
        Instant now = Instant.now();
        Outcome[] outcomes = new Outcome[sightings.size()];
        Map<UUID, List<Integer>> byOrganization = new LinkedHashMap<>();
        for (int i = 0; i < sightings.size(); i++) {
            List<String> problems = sightings.get(i).problems(now);
            if (problems.isEmpty()) {
                byOrganization.computeIfAbsent(sightings.get(i).organizationId(), k -> new ArrayList<>()).add(i);
            } else {
                outcomes[i] = new Outcome.Rejected(String.join("; ", problems));
            }
        }
        List<AttendanceLog.Entry> toApply = new ArrayList<>();
        Map<UUID, ZoneId> zones = new HashMap<>();
        for (Map.Entry<UUID, List<Integer>> org : byOrganization.entrySet()) {
            zones.put(org.getKey(), markOrganization(org.getKey(), sightings, org.getValue(), outcomes, toApply));
        }
        applyToDays(toApply, zones, now);
        return Arrays.asList(outcomes);
    }

    /** Marks one organization's sightings of the batch; answers its time zone, as read once for the batch. */
    private ZoneId markOrganization(UUID org, List<Sighting> sightings, List<Integer> indexes, Outcome[] outcomes,
                                    List<AttendanceLog.Entry> toApply) {
        Set<UUID> userIds = new LinkedHashSet<>();
        Set<UUID> cameraIds = new LinkedHashSet<>();
        for (int i : indexes) {
            userIds.add(sightings.get(i).userId());
            if (sightings.get(i).cameraId() != null) {
                cameraIds.add(sightings.get(i).cameraId());
            }
        }
        Map<UUID, AttendanceDirectory.Person> people = directory.people(org, userIds);
        Map<UUID, CameraDirection> cameras = directory.cameraDirections(org, cameraIds);
        // through the Redis-cached configuration, so an admin's change applies to the next sighting
        OrganizationSettings orgSettings = settingsService.forOrganization(org);
        ZoneId zone = orgSettings.timeZone();

        List<Candidate> candidates = new ArrayList<>();
        for (int i : indexes) {
            Sighting s = sightings.get(i);
            String refusal = refusal(org, s, people.get(s.userId()), cameras);
            if (refusal != null) {
                outcomes[i] = new Outcome.Rejected(refusal);
                continue;
            }
            CameraDirection direction = s.cameraId() == null ? CameraDirection.BOTH : cameras.get(s.cameraId());
            // millisecond precision everywhere, so Redis and Postgres (microseconds) hold the very same instants
            Instant time = s.capturedAt().truncatedTo(ChronoUnit.MILLIS);
            candidates.add(new Candidate(i, s, direction, time, LocalDate.ofInstant(time, zone)));
        }
        if (candidates.isEmpty()) {
            return zone;
        }

        List<Outcome> decided = transactions.execute(tx -> decide(org, candidates, orgSettings));
        for (int c = 0; c < candidates.size(); c++) {
            Outcome outcome = decided.get(c);
            outcomes[candidates.get(c).index()] = outcome;
            if (outcome instanceof Outcome.Rejected) {
                continue;
            }
            AttendanceLog.Entry entry = outcome instanceof Outcome.Accepted a ? a.entry() : ((Outcome.Duplicate) outcome).entry();
            if (!entry.repeat()) {
                toApply.add(entry);
            }
        }
        return zone;
    }

    /** A sighting that passed the lookups, waiting for its decision. */
    private record Candidate(int index, Sighting sighting, CameraDirection direction, Instant time, LocalDate date) {
    }

    private static String refusal(UUID org, Sighting s, AttendanceDirectory.Person person, Map<UUID, CameraDirection> cameras) {
        if (person == null) {
            return "user " + s.userId() + " is not a user of organization " + org;
        }
        if (!person.canAttend()) {
            return "user " + s.userId() + " is deleted or inactive";
        }
        if (s.cameraId() != null && !cameras.containsKey(s.cameraId())) {
            return "camera " + s.cameraId() + " is not a camera of organization " + org;
        }
        if (s.cameraId() == null && s.source() == AttendanceSource.CAMERA) {
            return "a CAMERA sighting needs a cameraId";
        }
        return null;
    }

    /** In the transaction: every person of the batch locked, then each sighting decided in the batch's order. */
    private List<Outcome> decide(UUID org, List<Candidate> candidates, OrganizationSettings orgSettings) {
        logs.lockPeople(candidates.stream().map(c -> c.sighting().userId()).toList());
        Map<UUID, AttendanceLog.Entry> known = new HashMap<>(
                logs.findAll(org, candidates.stream().map(c -> c.sighting().eventId()).toList()));
        Map<PersonDay, AttendanceLog.DayWindow> windows = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            windows.merge(new PersonDay(c.sighting().userId(), c.date()),
                    new AttendanceLog.DayWindow(c.sighting().userId(), c.date(), c.time(), c.time()),
                    (a, b) -> new AttendanceLog.DayWindow(a.userId(), a.date(),
                            a.from().isBefore(b.from()) ? a.from() : b.from(), a.to().isAfter(b.to()) ? a.to() : b.to()));
        }
        Map<PersonDay, List<DayEvent>> accepted = new HashMap<>(logs.eventsForDecisions(org, windows.values()));
        // a late sighting for a locked pay period is refused (dead-lettered with the reason, never dropped silently);
        // one for an approved period sends that timesheet back to draft. One check for the whole batch.
        Set<TimesheetLocks.PersonDay> locked = timesheetLocks.beforeChanges(Actor.system(org), candidates.stream()
                .filter(c -> !known.containsKey(c.sighting().eventId()))
                .map(c -> new TimesheetLocks.PersonDay(c.sighting().userId(), c.date())).distinct().toList());

        List<Outcome> outcomes = new ArrayList<>();
        List<AttendanceLog.Entry> inserts = new ArrayList<>();
        for (Candidate c : candidates) {
            Sighting s = c.sighting();
            AttendanceLog.Entry existing = known.get(s.eventId());
            if (existing != null) {
                outcomes.add(new Outcome.Duplicate(existing));
                continue;
            }
            if (locked.contains(new TimesheetLocks.PersonDay(s.userId(), c.date()))) {
                outcomes.add(new Outcome.Rejected(lockedReason(org, s.userId(), c.date())));
                continue;
            }
            List<DayEvent> day = accepted.computeIfAbsent(new PersonDay(s.userId(), c.date()), k -> new ArrayList<>());
            AttendanceRules.Decision decision = AttendanceRules.decide(c.direction(), day, c.time(), orgSettings.repeatWindow());
            AttendanceLog.Entry entry = new AttendanceLog.Entry(s.eventId(), org, s.userId(), c.date(),
                    decision.type(), c.time(), s.cameraId(), AttendanceLog.percent(s.similarity()),
                    s.source(), decision.repeat(), null, null);
            inserts.add(entry);
            known.put(entry.id(), entry);  // the same message twice in one batch is one event
            if (!entry.repeat()) {
                insertInTimeOrder(day, entry.event());
            }
            outcomes.add(new Outcome.Accepted(entry));
        }
        logs.insertAll(inserts);
        return outcomes;
    }

    /** The words of the refusal (which period, locked since when): rare, so asked again for just this day. */
    private String lockedReason(UUID org, UUID userId, LocalDate date) {
        try {
            timesheetLocks.requireOpen(org, userId, date, "capturedAt");
            return "period_locked: the pay period of " + date + " is locked";
        } catch (TimesheetException e) {
            return e.code() + ": " + e.getMessage();
        }
    }

    /** Keeps the day's accepted events in (time, id) order, the order AttendanceRules and Postgres use. */
    private static void insertInTimeOrder(List<DayEvent> day, DayEvent event) {
        int at = day.size();
        while (at > 0 && (day.get(at - 1).time().isAfter(event.time())
                || day.get(at - 1).time().equals(event.time()) && day.get(at - 1).id().compareTo(event.id()) > 0)) {
            at--;
        }
        day.add(at, event);
    }

    /** Puts logged events where readers look: Redis for open days (one pipeline), the record for closed ones. */
    private void applyToDays(List<AttendanceLog.Entry> entries, Map<UUID, ZoneId> zones, Instant now) {
        Map<PersonDayOf, List<DayEvent>> open = new LinkedHashMap<>();
        Set<PersonDayOf> closed = new LinkedHashSet<>();
        for (AttendanceLog.Entry e : entries) {
            ZoneId zone = zones.get(e.organizationId());
            PersonDayOf day = new PersonDayOf(e.organizationId(), e.userId(), e.date());
            if (e.date().isBefore(LocalDate.ofInstant(now, zone))) {
                closed.add(day);
            } else {
                open.computeIfAbsent(day, k -> new ArrayList<>()).add(e.event());
            }
        }
        today.applyAll(open.entrySet().stream().map(d -> new TodayCache.DayUpdate(d.getKey().organizationId(),
                d.getKey().userId(), d.getKey().date(), d.getValue(),
                TodayCache.ttl(d.getKey().date(), zones.get(d.getKey().organizationId()), now))).toList());
        closed.forEach(d -> flush.flushPersonDay(d.organizationId(), d.userId(), d.date()));
    }

    private record PersonDayOf(UUID organizationId, UUID userId, LocalDate date) {
    }
}
