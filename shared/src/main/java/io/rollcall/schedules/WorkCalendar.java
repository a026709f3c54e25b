package io.rollcall.schedules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.UUID;

/**
 * An organization's schedules, assignments, department history, holidays, approved leave and manual corrections
 * over a range, in memory and storage-free: what turns a person and a date into a {@link DayRules.DayPlan}.
 * The most specific assignment wins: the person's, else their department's (on that day), else the organization's.
 */
public final class WorkCalendar {

    /** A weekly pattern: {@code days[i]} is the shift of day i of the rotation (0 = Monday of the anchor's week), null off. */
    public record Pattern(UUID id, LocalDate anchorMonday, Shift[] days) {

        Shift on(LocalDate date) {
            long index = Math.floorMod(ChronoUnit.DAYS.between(anchorMonday, date), days.length);
            return days[(int) index];
        }
    }

    public enum Scope { ORGANIZATION, DEPARTMENT, USER }

    /** An assignment of a pattern, for {@code from}..{@code to} inclusive (to null: open-ended). */
    public record Assignment(UUID id, UUID scheduleId, Scope scope, String department, UUID userId, LocalDate from,
                             LocalDate to) {

        public boolean covers(LocalDate date) {
            return !date.isBefore(from) && (to == null || !date.isAfter(to));
        }

        public boolean overlaps(LocalDate otherFrom, LocalDate otherTo) {
            return (to == null || !otherFrom.isAfter(to)) && (otherTo == null || !otherTo.isBefore(from));
        }
    }

    /** An approved leave request. */
    public record Leave(UUID userId, LocalDate from, LocalDate to, boolean halfDay, String typeCode) {
    }

    private final Map<UUID, Pattern> patterns;
    private final List<Assignment> organization = new ArrayList<>();
    private final Map<String, List<Assignment>> byDepartment = new HashMap<>();
    private final Map<UUID, List<Assignment>> byUser = new HashMap<>();
    private final Map<UUID, NavigableMap<LocalDate, String>> departmentHistory;
    private final Map<LocalDate, Set<String>> holidays;
    private final Map<UUID, List<Leave>> leave = new HashMap<>();
    private final Map<UUID, Map<LocalDate, DayRules.ManualDay>> manual;

    /**
     * @param departmentHistory per person, the department from each date on (absent: their current one)
     * @param holidays          per date, the departments it is a holiday for; "" is the whole organization
     */
    public WorkCalendar(Map<UUID, Pattern> patterns, List<Assignment> assignments,
                        Map<UUID, NavigableMap<LocalDate, String>> departmentHistory, Map<LocalDate, Set<String>> holidays,
                        List<Leave> approvedLeave, Map<UUID, Map<LocalDate, DayRules.ManualDay>> manual) {
        this.patterns = patterns;
        for (Assignment a : assignments) {
            switch (a.scope()) {
                case ORGANIZATION -> organization.add(a);
                case DEPARTMENT -> byDepartment.computeIfAbsent(a.department(), k -> new ArrayList<>()).add(a);
                case USER -> byUser.computeIfAbsent(a.userId(), k -> new ArrayList<>()).add(a);
            }
        }
        this.departmentHistory = departmentHistory;
        this.holidays = holidays;
        for (Leave l : approvedLeave) {
            leave.computeIfAbsent(l.userId(), k -> new ArrayList<>()).add(l);
        }
        this.manual = manual;
    }

    /** The person's department on {@code date}. */
    public String department(UUID userId, String current, LocalDate date) {
        NavigableMap<LocalDate, String> history = departmentHistory.get(userId);
        if (history == null) {
            return current;
        }
        Map.Entry<LocalDate, String> entry = history.floorEntry(date);
        return entry == null ? history.firstEntry().getValue() : entry.getValue();
    }

    /** The shift the person has on {@code date} (null: none, a day off). */
    public Shift shift(UUID userId, String department, LocalDate date) {
        Assignment a = covering(byUser.get(userId), date);
        if (a == null && department != null) {
            a = covering(byDepartment.get(department), date);
        }
        if (a == null) {
            a = covering(organization, date);
        }
        Pattern pattern = a == null ? null : patterns.get(a.scheduleId());
        return pattern == null ? null : pattern.on(date);
    }

    /** The person's plans for {@code from}..{@code to}, one a day. */
    public List<DayRules.DayPlan> plans(UUID userId, String currentDepartment, LocalDate from, LocalDate to) {
        List<DayRules.DayPlan> plans = new ArrayList<>((int) ChronoUnit.DAYS.between(from, to) + 1);
        List<Leave> personLeave = leave.getOrDefault(userId, List.of());
        Map<LocalDate, DayRules.ManualDay> personManual = manual.getOrDefault(userId, Map.of());
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            String department = department(userId, currentDepartment, date);
            Set<String> holiday = holidays.get(date);
            boolean isHoliday = holiday != null && (holiday.contains("") || (department != null && holiday.contains(department)));
            DayRules.LeaveDay leaveDay = null;
            for (Leave l : personLeave) {
                if (!date.isBefore(l.from()) && !date.isAfter(l.to())) {
                    leaveDay = new DayRules.LeaveDay(l.typeCode(), l.halfDay());
                    break;
                }
            }
            plans.add(new DayRules.DayPlan(date, shift(userId, department, date), isHoliday, leaveDay, personManual.get(date)));
        }
        return plans;
    }

    private static Assignment covering(List<Assignment> assignments, LocalDate date) {
        if (assignments != null) {
            for (Assignment a : assignments) {
                if (a.covers(date)) {
                    return a;
                }
            }
        }
        return null;
    }
}
