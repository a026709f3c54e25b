package io.rollcall.timesheets;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.rollcall.schedules.DayStatus;
import io.rollcall.schedules.PeriodTotals;

/**
 * A person's pay period: its state and figures - live for a DRAFT, as approved for an APPROVED or LOCKED one -
 * and, for one person's view, the days behind them (always as they are now). {@code id} is null for a draft
 * that was never approved.
 */
public record Timesheet(UUID id, UUID userId, String username, String fullName, String employeeCode, String department,
                        PayPeriod period, TimesheetState state, Figures figures, History history,
                        List<PeriodTotals.WorkedDay> days) {

    /** The payroll figures of the period, in minutes. {@code exceptions}: how many days had each exception. */
    public record Figures(int regularMinutes, Map<String, Integer> overtimeMinutesByTier,
                          Map<String, Integer> leaveMinutesByType, int holidayMinutes, int holidayWorkedMinutes,
                          int dayOffWorkedMinutes, Map<String, Integer> exceptions) {

        public int overtimeMinutes() {
            return overtimeMinutesByTier.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int leaveMinutes() {
            return leaveMinutesByType.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** The statuses a timesheet counts as exceptions, beside the days that were simply worked or off. */
        static final Set<DayStatus> EXCEPTIONS = EnumSet.of(DayStatus.LATE, DayStatus.EARLY_LEAVE, DayStatus.HALF_DAY,
                DayStatus.ABSENT, DayStatus.MISSING_OUT);

        public static Figures of(PeriodTotals.PersonTotals totals) {
            Map<String, Integer> exceptions = new TreeMap<>();
            for (PeriodTotals.WorkedDay day : totals.days()) {
                EnumSet<DayStatus> statuses = EnumSet.noneOf(DayStatus.class);
                if (day.status() != null) {
                    statuses.add(day.status());
                }
                if (day.exceptions() != null) {
                    statuses.addAll(day.exceptions());
                }
                statuses.retainAll(EXCEPTIONS);
                statuses.forEach(s -> exceptions.merge(s.name(), 1, Integer::sum));
            }
            return new Figures(totals.regularMinutes(), sorted(totals.overtimeMinutesByTier()),
                    sorted(totals.leaveMinutesByType()), totals.holidayMinutes(), totals.holidayWorkedMinutes(),
                    totals.dayOffWorkedMinutes(), exceptions);
        }

        private static Map<String, Integer> sorted(Map<String, Integer> minutes) {
            return minutes == null ? Map.of() : new TreeMap<>(minutes);
        }
    }

    /** Who moved the timesheet through its states, and when; the last reopening's reason. */
    public record History(UUID approvedBy, Instant approvedAt, UUID lockedBy, Instant lockedAt, UUID reopenedBy,
                          Instant reopenedAt, String reopenReason) {

        public static final History NONE = new History(null, null, null, null, null, null, null);
    }
}
