package io.rollcall.schedules;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.rollcall.attendance.AttendanceDirectory;
import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import io.rollcall.config.OrganizationSettingsService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The life cycle of shift types, schedules (weekly patterns, rotations over N weeks) and their assignments to
 * the organization, a department or a person. Every change is audited in its transaction; a refusal names the
 * field and saves nothing.
 */
@Service
public class ScheduleService {

    public static final int MAX_ROTATION_WEEKS = 12;

    /** A new shift type as asked for: kind FIXED (start, end, breakMinutes) or FLEXIBLE (requiredMinutes, optional core start/end). */
    public record NewShiftType(String name, String kind, LocalTime start, LocalTime end, Integer breakMinutes,
                               Integer requiredMinutes) {
    }

    /** A new weekly pattern; {@code timeZone} null means the organization's, and must be it when given. */
    public record NewSchedule(String name, String timeZone, Integer rotationWeeks, LocalDate anchorDate, List<UUID> days) {
    }

    /** A new assignment: scope ORGANIZATION, DEPARTMENT (with department) or USER (with userId). */
    public record NewAssignment(UUID scheduleId, String scope, String department, UUID userId, LocalDate validFrom,
                                LocalDate validTo) {
    }

    private final TransactionTemplate tx;
    private final ShiftTypes shiftTypes;
    private final Schedules schedules;
    private final ScheduleAssignments assignments;
    private final AttendanceDirectory directory;
    private final OrganizationSettingsService settings;
    private final ObjectProvider<PeriodLocks> locks;
    private final AuditTrail audit;

    public ScheduleService(TransactionTemplate tx, ShiftTypes shiftTypes, Schedules schedules,
                           ScheduleAssignments assignments, AttendanceDirectory directory,
                           OrganizationSettingsService settings, ObjectProvider<PeriodLocks> locks, AuditTrail audit) {
        this.tx = tx;
        this.locks = locks;
        this.shiftTypes = shiftTypes;
        this.schedules = schedules;
        this.assignments = assignments;
        this.directory = directory;
        this.settings = settings;
        this.audit = audit;
    }

    public List<ShiftTypes.ShiftType> shiftTypes(UUID organizationId) {
        return shiftTypes.list(organizationId);
    }

    public List<Schedules.Schedule> schedules(UUID organizationId) {
        return schedules.list(organizationId);
    }

    /** An assignment as listed: a person's one names them (their full name, or their username without one). */
    public record ListedAssignment(UUID id, UUID scheduleId, WorkCalendar.Scope scope, String department, UUID userId,
                                   LocalDate from, LocalDate to, String personName) {
    }

    public List<WorkCalendar.Assignment> assignments(UUID organizationId) {
        return assignments.list(organizationId);
    }

    public List<ListedAssignment> listAssignments(UUID organizationId) {
        List<WorkCalendar.Assignment> all = assignments.list(organizationId);
        Map<UUID, AttendanceDirectory.Person> people = directory.people(organizationId,
                all.stream().map(WorkCalendar.Assignment::userId).filter(java.util.Objects::nonNull).toList());
        return all.stream().map(a -> {
            AttendanceDirectory.Person p = a.userId() == null ? null : people.get(a.userId());
            return new ListedAssignment(a.id(), a.scheduleId(), a.scope(), a.department(), a.userId(), a.from(), a.to(),
                    p == null ? null : p.displayName());
        }).toList();
    }

    public ShiftTypes.ShiftType createShiftType(Actor actor, NewShiftType request) {
        Map<String, String> problems = new LinkedHashMap<>();
        String name = name(problems, request.name());
        Shift shift = null;
        int breakMinutes = request.breakMinutes() == null ? 0 : request.breakMinutes();
        if (breakMinutes < 0) {
            problems.put("breakMinutes", "must be 0 or more");
        }
        if ("FIXED".equals(request.kind())) {
            if (request.start() == null) {
                problems.put("start", "is required for a FIXED shift (HH:MM)");
            }
            if (request.end() == null) {
                problems.put("end", "is required for a FIXED shift (HH:MM)");
            }
            if (request.start() != null && request.end() != null) {
                if (request.start().equals(request.end())) {
                    problems.put("end", "must differ from start");
                } else {
                    long length = Duration.between(request.start(), request.end()).toMinutes();
                    length = length < 0 ? length + 1440 : length; // an end before the start is the next morning's
                    if (breakMinutes >= length) {
                        problems.put("breakMinutes", "is as long as or longer than the shift (" + length + " minutes)");
                    }
                }
            }
            if (request.requiredMinutes() != null) {
                problems.put("requiredMinutes", "is for FLEXIBLE shifts only");
            }
            shift = Shift.fixed(request.start(), request.end(), breakMinutes);
        } else if ("FLEXIBLE".equals(request.kind())) {
            Integer required = request.requiredMinutes();
            if (required == null || required < 1 || required > 1440) {
                problems.put("requiredMinutes", "is required for a FLEXIBLE shift, 1 to 1440");
            }
            if ((request.start() == null) != (request.end() == null)) {
                problems.put(request.start() == null ? "start" : "end", "core hours need both start and end, or neither");
            } else if (request.start() != null && !request.end().isAfter(request.start())) {
                problems.put("end", "core hours must end after they start, on the same day");
            }
            if (breakMinutes != 0) {
                problems.put("breakMinutes", "a FLEXIBLE shift counts worked minutes; it has no fixed break");
            }
            shift = Shift.flexible(required == null ? 1 : required, request.start(), request.end());
        } else {
            problems.put("kind", "must be FIXED or FLEXIBLE");
        }
        throwIf(problems);
        ShiftTypes.ShiftType type = new ShiftTypes.ShiftType(UUID.randomUUID(), name, shift);
        try {
            tx.executeWithoutResult(s -> {
                shiftTypes.insert(actor.organizationId(), type);
                audit.record(actor, AuditAction.SHIFT_TYPE_CREATED, type.id());
            });
        } catch (DuplicateKeyException e) {
            throw HrException.conflict("duplicate_name", "name", "a shift type is already named " + name);
        }
        return type;
    }

    public Schedules.Schedule createSchedule(Actor actor, NewSchedule request) {
        UUID org = actor.organizationId();
        Map<String, String> problems = new LinkedHashMap<>();
        String name = name(problems, request.name());
        ZoneId zone = settings.forOrganization(org).timeZone();
        if (request.timeZone() != null && !request.timeZone().equals(zone.getId())) {
            problems.put("timeZone", "must be the organization's time zone " + zone.getId()
                    + " (days are judged in it); change organization.time_zone instead");
        }
        int weeks = request.rotationWeeks() == null ? 1 : request.rotationWeeks();
        if (weeks < 1 || weeks > MAX_ROTATION_WEEKS) {
            problems.put("rotationWeeks", "must be 1 to " + MAX_ROTATION_WEEKS);
        }
        List<UUID> days = request.days() == null ? List.of() : request.days();
        if (days.size() != weeks * 7) {
            problems.put("days", "must list " + weeks * 7 + " days (7 a week, Monday first; null for a day off), not " + days.size());
        } else {
            Set<UUID> known = shiftTypes.list(org).stream().map(ShiftTypes.ShiftType::id).collect(Collectors.toSet());
            for (int i = 0; i < days.size(); i++) {
                if (days.get(i) != null && !known.contains(days.get(i))) {
                    problems.put("days[" + i + "]", "is not a shift type of this organization");
                }
            }
        }
        throwIf(problems);
        LocalDate anchor = (request.anchorDate() == null ? LocalDate.now(zone) : request.anchorDate())
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Schedules.Schedule schedule = new Schedules.Schedule(UUID.randomUUID(), name, zone.getId(), weeks, anchor,
                new ArrayList<>(days));
        try {
            tx.executeWithoutResult(s -> {
                schedules.insert(org, schedule);
                audit.record(actor, AuditAction.SCHEDULE_CREATED, schedule.id());
            });
        } catch (DuplicateKeyException e) {
            throw HrException.conflict("duplicate_name", "name", "a schedule is already named " + name);
        }
        return schedule;
    }

    public void deleteSchedule(Actor actor, UUID id) {
        UUID org = actor.organizationId();
        schedules.find(org, id).orElseThrow(() -> HrException.notFound("schedule"));
        tx.executeWithoutResult(s -> {
            if (!schedules.delete(org, id)) {
                throw HrException.conflict("schedule_assigned", "id", "the schedule is assigned; remove its assignments first");
            }
            audit.record(actor, AuditAction.SCHEDULE_DELETED, id);
        });
    }

    public WorkCalendar.Assignment assign(Actor actor, NewAssignment request) {
        UUID org = actor.organizationId();
        Map<String, String> problems = new LinkedHashMap<>();
        if (request.scheduleId() == null || schedules.find(org, request.scheduleId()).isEmpty()) {
            problems.put("scheduleId", "is not a schedule of this organization");
        }
        WorkCalendar.Scope scope = null;
        try {
            scope = request.scope() == null ? null : WorkCalendar.Scope.valueOf(request.scope());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        String department = request.department() == null || request.department().isBlank() ? null : request.department().strip();
        if (scope == null) {
            problems.put("scope", "must be ORGANIZATION, DEPARTMENT or USER");
        } else if (scope == WorkCalendar.Scope.DEPARTMENT && department == null) {
            problems.put("department", "is required for a DEPARTMENT assignment");
        } else if (scope == WorkCalendar.Scope.USER
                && (request.userId() == null || directory.person(org, request.userId()).isEmpty())) {
            problems.put("userId", "is not a person of this organization");
        }
        if (department != null && department.length() > 100) {
            problems.put("department", "at most 100 characters");
        }
        if (request.validFrom() == null) {
            problems.put("validFrom", "is required (YYYY-MM-DD)");
        } else if (request.validTo() != null && request.validTo().isBefore(request.validFrom())) {
            problems.put("validTo", "must be on or after validFrom");
        }
        throwIf(problems);
        WorkCalendar.Assignment assignment = new WorkCalendar.Assignment(UUID.randomUUID(), request.scheduleId(), scope,
                scope == WorkCalendar.Scope.DEPARTMENT ? department : null,
                scope == WorkCalendar.Scope.USER ? request.userId() : null, request.validFrom(), request.validTo());
        tx.executeWithoutResult(s -> {
            assignments.lock(org);
            for (WorkCalendar.Assignment other : assignments.list(org)) {
                if (sameTarget(other, assignment) && other.overlaps(assignment.from(), assignment.to())) {
                    throw HrException.conflict("overlapping_assignment", "validFrom", "overlaps assignment " + other.id()
                            + " (" + other.from() + " to " + (other.to() == null ? "open-ended" : other.to())
                            + ") at the same level; end that one first");
                }
            }
            locks.ifAvailable(l -> l.beforeCalendarChange(actor, assignment.from(), lastDay(assignment), "validFrom"));
            assignments.insert(org, assignment);
            audit.record(actor, AuditAction.SCHEDULE_ASSIGNED, assignment.id());
        });
        return assignment;
    }

    public void unassign(Actor actor, UUID id) {
        tx.executeWithoutResult(s -> {
            WorkCalendar.Assignment assignment = assignments.find(actor.organizationId(), id)
                    .orElseThrow(() -> HrException.notFound("assignment"));
            locks.ifAvailable(l -> l.beforeCalendarChange(actor, assignment.from(), lastDay(assignment), "id"));
            assignments.delete(actor.organizationId(), id);
            audit.record(actor, AuditAction.SCHEDULE_UNASSIGNED, id);
        });
    }

    /** The assignment's last day; an open-ended one runs on for ever. */
    private static LocalDate lastDay(WorkCalendar.Assignment a) {
        return a.to() == null ? LocalDate.of(9999, 12, 31) : a.to();
    }

    private static boolean sameTarget(WorkCalendar.Assignment a, WorkCalendar.Assignment b) {
        return a.scope() == b.scope() && java.util.Objects.equals(a.department(), b.department())
                && java.util.Objects.equals(a.userId(), b.userId());
    }

    static String name(Map<String, String> problems, String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100) {
            problems.put("name", "is required, at most 100 characters");
        }
        return n;
    }

    static void throwIf(Map<String, String> problems) {
        if (!problems.isEmpty()) {
            throw HrException.invalid(problems);
        }
    }
}
