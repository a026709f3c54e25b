package io.rollcall.schedules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * A month per person and per department: days present, late count, absences, overtime and leave, summed from
 * {@link ScheduleTotals} (so from the same rules a timesheet uses).
 */
@Service
public class MonthlySummaries {

    /** One person's month, or (userId null) one department's, or the organization's. */
    public record Summary(UUID userId, String username, String fullName, String department, int people,
                          int daysPresent, int lateCount, int absences, int missingOuts, int leaveDays,
                          int workedMinutes, int regularMinutes, int overtimeMinutes, int leaveMinutes,
                          int holidayWorkedMinutes, int dayOffWorkedMinutes) {

        Summary plus(Summary o) {
            return new Summary(null, null, null, department, people + o.people, daysPresent + o.daysPresent,
                    lateCount + o.lateCount, absences + o.absences, missingOuts + o.missingOuts, leaveDays + o.leaveDays,
                    workedMinutes + o.workedMinutes, regularMinutes + o.regularMinutes, overtimeMinutes + o.overtimeMinutes,
                    leaveMinutes + o.leaveMinutes, holidayWorkedMinutes + o.holidayWorkedMinutes,
                    dayOffWorkedMinutes + o.dayOffWorkedMinutes);
        }
    }

    /** The month's people (username order), its departments (name order; "" for people without one) and the total. */
    public record Month(YearMonth month, List<Summary> people, List<Summary> departments, Summary organization) {
    }

    private final ScheduleTotals totals;

    public MonthlySummaries(ScheduleTotals totals) {
        this.totals = totals;
    }

    public Month month(UUID organizationId, YearMonth month, String department, UUID userId, Instant now) {
        List<Summary> people = new ArrayList<>();
        Map<String, Summary> departments = new TreeMap<>();
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        totals.forEachPerson(organizationId, from, to, userId == null ? null : List.of(userId), department, now, p -> {
            Summary s = summary(p);
            people.add(s);
            String key = p.department() == null ? "" : p.department();
            Summary empty = new Summary(null, null, null, key, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            departments.merge(key, empty.plus(s), Summary::plus);
        });
        Summary all = new Summary(null, null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        for (Summary s : departments.values()) {
            all = all.plus(s);
        }
        return new Month(month, people, List.copyOf(departments.values()), all);
    }

    static Summary summary(PeriodTotals.PersonTotals p) {
        int present = 0;
        int late = 0;
        int absent = 0;
        int missing = 0;
        int leaveDays = 0;
        int worked = 0;
        for (PeriodTotals.WorkedDay d : p.days()) {
            worked += d.workedMinutes();
            switch (d.status()) {
                case PRESENT, LATE, EARLY_LEAVE, HALF_DAY, MISSING_OUT -> present++;
                case ABSENT -> absent += d.settled() ? 1 : 0;
                case ON_LEAVE -> leaveDays++;
                default -> { }
            }
            late += d.exceptions().contains(DayStatus.LATE) ? 1 : 0;
            missing += d.exceptions().contains(DayStatus.MISSING_OUT) ? 1 : 0;
        }
        int overtime = p.overtimeMinutesByTier().values().stream().mapToInt(Integer::intValue).sum();
        int leave = p.leaveMinutesByType().values().stream().mapToInt(Integer::intValue).sum();
        return new Summary(p.userId(), p.username(), p.fullName(), p.department(), 1, present, late, absent, missing,
                leaveDays, worked, p.regularMinutes(), overtime, leave, p.holidayWorkedMinutes(), p.dayOffWorkedMinutes());
    }
}
