package io.rollcall.schedules;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.time.DayOfWeek;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.rollcall.leave.LeaveRequests;
import org.springframework.stereotype.Service;

/** Loads an organization's {@link WorkCalendar} for a range from the HR tables and the MANUAL attendance records. */
@Service
public class Calendars {

    private final ShiftTypes shiftTypes;
    private final Schedules schedules;
    private final ScheduleAssignments assignments;
    private final DepartmentHistory departments;
    private final Holidays holidays;
    private final LeaveRequests leave;
    private final AttendanceReadings attendance;

    public Calendars(ShiftTypes shiftTypes, Schedules schedules, ScheduleAssignments assignments,
                     DepartmentHistory departments, Holidays holidays, LeaveRequests leave, AttendanceReadings attendance) {
        this.shiftTypes = shiftTypes;
        this.schedules = schedules;
        this.assignments = assignments;
        this.departments = departments;
        this.holidays = holidays;
        this.leave = leave;
        this.attendance = attendance;
    }

    public WorkCalendar load(UUID organizationId, LocalDate from, LocalDate to) {
        Map<UUID, Shift> shifts = new HashMap<>();
        for (ShiftTypes.ShiftType t : shiftTypes.list(organizationId)) {
            shifts.put(t.id(), t.shift());
        }
        Map<UUID, WorkCalendar.Pattern> patterns = new HashMap<>();
        for (Schedules.Schedule s : schedules.list(organizationId)) {
            patterns.put(s.id(), pattern(s, shifts));
        }
        return new WorkCalendar(patterns, assignments.list(organizationId), departments.forOrganization(organizationId),
                holidays.calendar(organizationId, from, to), leave.approved(organizationId, from, to),
                attendance.manualDays(organizationId, from, to));
    }

    static WorkCalendar.Pattern pattern(Schedules.Schedule s, Map<UUID, Shift> shifts) {
        Shift[] days = new Shift[s.days().size()];
        for (int i = 0; i < days.length; i++) {
            days[i] = s.days().get(i) == null ? null : shifts.get(s.days().get(i));
        }
        return new WorkCalendar.Pattern(s.id(), s.anchorDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), days);
    }
}
