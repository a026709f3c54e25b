package io.rollcall.timesheets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The columns of a payroll export and one timesheet's cells in them: who, the period, then hours (two decimals)
 * - regular, overtime per tier, leave per type, holidays, and work on holidays and days off apart. The tiers and
 * leave types are those the period's timesheets name, so a period without overtime has no overtime column.
 */
public final class PayrollColumns {

    /** Text, date, then hour columns; {@link #isHours} tells a cell's kind by its index. */
    static final List<String> IDENTITY = List.of("employee_code", "username", "name", "department", "period_start", "period_end");

    private final List<String> tiers;
    private final List<String> leaveTypes;

    public PayrollColumns(List<String> tiers, List<String> leaveTypes) {
        this.tiers = List.copyOf(tiers);
        this.leaveTypes = List.copyOf(leaveTypes);
    }

    public List<String> header() {
        List<String> header = new ArrayList<>(IDENTITY);
        header.add("regular_hours");
        tiers.forEach(t -> header.add("overtime_hours_" + t));
        leaveTypes.forEach(t -> header.add("leave_hours_" + t));
        header.add("holiday_hours");
        header.add("holiday_worked_hours");
        header.add("day_off_worked_hours");
        return header;
    }

    /** Whether column {@code index} holds hours (a number), rather than text or a date. */
    public static boolean isHours(int index) {
        return index >= IDENTITY.size();
    }

    /** Whether column {@code index} holds a date. */
    public static boolean isDate(int index) {
        return index == 4 || index == 5;
    }

    /** The row of an approved timesheet: Strings, then LocalDates, then BigDecimal hours. */
    public List<Object> cells(Timesheets.Row row) {
        Timesheet.Figures f = row.figures();
        List<Object> cells = new ArrayList<>(IDENTITY.size() + 4 + tiers.size() + leaveTypes.size());
        cells.add(text(row.employeeCode()));
        cells.add(text(row.username()));
        cells.add(text(row.fullName()));
        cells.add(text(row.department()));
        cells.add(row.period().start());
        cells.add(row.period().end());
        cells.add(hours(f.regularMinutes()));
        tiers.forEach(t -> cells.add(hours(f.overtimeMinutesByTier(), t)));
        leaveTypes.forEach(t -> cells.add(hours(f.leaveMinutesByType(), t)));
        cells.add(hours(f.holidayMinutes()));
        cells.add(hours(f.holidayWorkedMinutes()));
        cells.add(hours(f.dayOffWorkedMinutes()));
        return cells;
    }

    public static BigDecimal hours(int minutes) {
        return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal hours(Map<String, Integer> minutes, String key) {
        return hours(minutes.getOrDefault(key, 0));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
