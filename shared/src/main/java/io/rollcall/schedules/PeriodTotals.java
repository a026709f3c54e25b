package io.rollcall.schedules;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A range of days of an organization's people summed by its rules (schedules, holidays, leave, overtime):
 * what a timesheet and a payroll export are made of. Implemented by the schedules feature, read by timesheets.
 */
public interface PeriodTotals {

    /**
     * Calls {@code sink} once per person, in username order, with the person's totals for {@code from}..{@code to}
     * (inclusive, organization-local dates). {@code users} null means every active person of the organization.
     * Streams: never holds more than one person's days at a time.
     */
    void forEachPerson(UUID organizationId, LocalDate from, LocalDate to, Collection<UUID> users,
                       Consumer<PersonTotals> sink);

    /** One person's period. Overtime tiers are named by the organization's policy (e.g. "1.5x"); leave by type code. */
    record PersonTotals(UUID userId, String username, String fullName, String employeeCode, String department,
                        int regularMinutes, Map<String, Integer> overtimeMinutesByTier,
                        Map<String, Integer> leaveMinutesByType, int holidayMinutes, int holidayWorkedMinutes,
                        int dayOffWorkedMinutes, List<WorkedDay> days) {
    }

    /**
     * One day of it: the primary status, the exceptions beside it, and what was scheduled and worked.
     * {@code settled}: the shift's end plus the MISSING_OUT window has passed; before that an ABSENT or PRESENT
     * day is provisional (the person may still arrive or leave). Added by hr-rules (see /work/notes/hr-seam.md).
     */
    record WorkedDay(LocalDate date, DayStatus status, Set<DayStatus> exceptions, int scheduledMinutes,
                     int workedMinutes, String leaveType, boolean settled) {
    }
}
