package io.rollcall.schedules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.rollcall.attendance.EventType;

/**
 * A person's day judged against their schedule, free of storage like {@code attendance.AttendanceRules}
 * (docs/hr.md): which IN/OUT events belong to which day, the day's status and exceptions, and its worked
 * minutes. The same plan, events, policy and clock always give the same answer.
 */
public final class DayRules {

    private DayRules() {
    }

    /** An accepted (not repeat) IN or OUT. */
    public record Punch(EventType type, Instant time) {
    }

    /** Approved leave on a day: its type's code, and whether it is half the day. */
    public record LeaveDay(String typeCode, boolean halfDay) {
    }

    /** An operator's statement of the day (a MANUAL attendance record): it replaces the day's events. */
    public record ManualDay(Instant firstIn, Instant lastOut) {
    }

    /**
     * What a day is, before anything was worked: its shift (null: a day off), whether it is a holiday for the
     * person, their approved leave, a manual correction.
     */
    public record DayPlan(LocalDate date, Shift shift, boolean holiday, LeaveDay leave, ManualDay manual) {

        public static DayPlan off(LocalDate date) {
            return new DayPlan(date, null, false, null, null);
        }
    }

    /** Where a day's judged minutes go: regular work (and overtime), holiday work, or work on a day off. */
    public enum Kind { WORKDAY, HOLIDAY, DAY_OFF }

    /**
     * A judged day. {@code settled}: the shift's end plus the MISSING_OUT window has passed, so only a late
     * sighting or a correction can change it; before that an ABSENT or PRESENT day is provisional.
     */
    public record Judged(LocalDate date, DayStatus status, Set<DayStatus> exceptions, int scheduledMinutes,
                         int workedMinutes, String leaveType, int leaveMinutes, int holidayMinutes, Kind kind,
                         boolean settled, Instant firstIn, Instant lastOut, Instant shiftStart) {
    }

    /**
     * The instants whose events belong to each plan's day, as {@code [from, to)}: the local calendar day, except
     * that a night shift's day reaches into the next morning until its end plus the MISSING_OUT window (or the
     * next shift's start, if sooner), so its OUT counts for the shift's day, not the OUT's calendar day.
     * Plans are consecutive days.
     */
    public static Instant[][] windows(List<DayPlan> plans, ZoneId zone, HrPolicy policy) {
        Instant[][] windows = new Instant[plans.size()][];
        Instant from = plans.isEmpty() ? null : plans.get(0).date().atStartOfDay(zone).toInstant();
        for (int i = 0; i < plans.size(); i++) {
            DayPlan plan = plans.get(i);
            Instant to = plan.date().plusDays(1).atStartOfDay(zone).toInstant();
            if (plan.shift() != null && plan.shift().crossesMidnight()) {
                Instant reach = plan.shift().endOn(plan.date(), zone).plus(Duration.ofHours(policy.missingOutAfterHours()));
                DayPlan next = i + 1 < plans.size() ? plans.get(i + 1) : null;
                if (next != null && next.shift() != null && next.shift().start() != null) {
                    Instant nextStart = next.shift().startOn(next.date(), zone).minus(Duration.ofHours(1));
                    reach = reach.isAfter(nextStart) ? nextStart : reach;
                }
                to = reach.isAfter(to) ? reach : to;
            }
            if (from.isAfter(to)) {
                from = to;
            }
            windows[i] = new Instant[] {from, to};
            from = to;
        }
        return windows;
    }

    /** Splits time-ordered punches among the plans' windows; a punch outside every window is in none. */
    public static List<List<Punch>> assign(List<DayPlan> plans, List<Punch> punches, ZoneId zone, HrPolicy policy) {
        Instant[][] windows = windows(plans, zone, policy);
        List<List<Punch>> byDay = new ArrayList<>(plans.size());
        int p = 0;
        for (Instant[] window : windows) {
            while (p < punches.size() && punches.get(p).time().isBefore(window[0])) {
                p++;
            }
            int start = p;
            while (p < punches.size() && punches.get(p).time().isBefore(window[1])) {
                p++;
            }
            byDay.add(punches.subList(start, p));
        }
        return byDay;
    }

    /** Judges one day from its plan and its own time-ordered punches, as the clock stands at {@code now}. */
    public static Judged judge(DayPlan plan, List<Punch> punches, ZoneId zone, HrPolicy policy, Instant now) {
        if (plan.manual() != null) {
            punches = manualPunches(plan.manual());
        }
        Shift shift = plan.shift();
        LocalDate date = plan.date();
        int scheduled = shift == null ? 0 : shift.scheduledMinutes(date, zone);
        Instant firstIn = null;
        Instant lastOut = null;
        for (Punch punch : punches) {
            if (punch.type() == EventType.IN && firstIn == null) {
                firstIn = punch.time();
            }
        }
        for (Punch punch : punches) {
            if (punch.type() == EventType.OUT && firstIn != null && punch.time().isAfter(firstIn)) {
                lastOut = punch.time();
            }
        }
        boolean openAtEnd = !punches.isEmpty() && punches.get(punches.size() - 1).type() == EventType.IN;
        int worked = worked(punches, firstIn, lastOut, shift, policy);
        Instant end = shift == null ? date.plusDays(1).atStartOfDay(zone).toInstant() : shift.endOn(date, zone);
        Instant cutoff = end.plus(Duration.ofHours(policy.missingOutAfterHours()));
        boolean settled = !now.isBefore(cutoff);

        Instant start = shift == null ? null : shift.startOn(date, zone);
        Set<DayStatus> exceptions = EnumSet.noneOf(DayStatus.class);
        if (openAtEnd && settled) {
            exceptions.add(DayStatus.MISSING_OUT); // flagged, never invented: no OUT is made up for it
        }
        if (shift != null && firstIn != null && shift.start() != null
                && firstIn.isAfter(shift.startOn(date, zone).plus(Duration.ofMinutes(policy.graceMinutes())))) {
            exceptions.add(DayStatus.LATE);
        }
        if (shift != null && lastOut != null && shift.end() != null && !openAtEnd
                && lastOut.isBefore(end.minus(Duration.ofMinutes(policy.graceMinutes())))) {
            exceptions.add(DayStatus.EARLY_LEAVE);
        }

        if (plan.holiday()) {
            return new Judged(date, DayStatus.HOLIDAY, exceptions, scheduled, worked, null, 0, scheduled, Kind.HOLIDAY,
                    settled, firstIn, lastOut, start);
        }
        if (shift == null) {
            return new Judged(date, DayStatus.OFF, exceptions, 0, worked, null, 0, 0, Kind.DAY_OFF, settled, firstIn, lastOut, start);
        }
        if (plan.leave() != null) {
            int leave = plan.leave().halfDay() ? scheduled / 2 : scheduled;
            return new Judged(date, DayStatus.ON_LEAVE, exceptions, scheduled, worked, plan.leave().typeCode(), leave, 0,
                    Kind.WORKDAY, settled, firstIn, lastOut, start);
        }
        DayStatus status;
        if (firstIn == null) {
            status = DayStatus.ABSENT;
        } else if (lastOut == null && openAtEnd) {
            status = settled ? DayStatus.MISSING_OUT : exceptions.contains(DayStatus.LATE) ? DayStatus.LATE : DayStatus.PRESENT;
        } else if (worked < policy.absentBelowMinutes()) {
            status = DayStatus.ABSENT;
        } else if (worked < policy.halfDayBelowMinutes()) {
            status = DayStatus.HALF_DAY;
        } else if (exceptions.contains(DayStatus.LATE)) {
            status = DayStatus.LATE;
        } else if (exceptions.contains(DayStatus.EARLY_LEAVE)) {
            status = DayStatus.EARLY_LEAVE;
        } else {
            status = DayStatus.PRESENT;
        }
        return new Judged(date, status, exceptions, scheduled, worked, null, 0, 0, Kind.WORKDAY, settled, firstIn, lastOut, start);
    }

    private static int worked(List<Punch> punches, Instant firstIn, Instant lastOut, Shift shift, HrPolicy policy) {
        if (policy.workedMinutes() == HrPolicy.WorkedMinutes.FIRST_LAST) {
            if (firstIn == null || lastOut == null) {
                return 0;
            }
            long minutes = Duration.between(firstIn, lastOut).toMinutes() - (shift == null ? 0 : shift.breakMinutes());
            return (int) Math.max(0, minutes);
        }
        long seconds = 0;
        Instant open = null;
        for (Punch punch : punches) {
            if (punch.type() == EventType.IN) {
                open = open == null ? punch.time() : open; // a second IN while in: still the first one's pair
            } else if (open != null) {
                seconds += Duration.between(open, punch.time()).getSeconds();
                open = null;
            }
        }
        return (int) (seconds / 60);
    }

    private static List<Punch> manualPunches(ManualDay manual) {
        List<Punch> punches = new ArrayList<>(2);
        if (manual.firstIn() != null) {
            punches.add(new Punch(EventType.IN, manual.firstIn()));
        }
        if (manual.lastOut() != null) {
            punches.add(new Punch(EventType.OUT, manual.lastOut()));
        }
        return punches;
    }
}
