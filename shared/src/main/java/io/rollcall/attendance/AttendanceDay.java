package io.rollcall.attendance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One person's day in a report: from attendance_records once flushed, computed from attendance_logs the same way
 * before ({@code flushed} false). {@code status} and {@code workedMinutes} are the day as the organization's HR
 * rules judge it (schedule, breaks, night shifts; docs/hr.md), null without them.
 */
public record AttendanceDay(LocalDate date, UUID userId, String username, String fullName, String employeeCode,
                            String department, Instant firstIn, Instant lastOut, Integer totalMinutes, String source,
                            BigDecimal confidence, String reason, boolean flushed, String status, Integer workedMinutes) {

    AttendanceDay judged(DayJudgements.Judgement judgement) {
        return judgement == null ? this : new AttendanceDay(date, userId, username, fullName, employeeCode, department,
                firstIn, lastOut, totalMinutes, source, confidence, reason, flushed, judgement.status(),
                judgement.workedMinutes());
    }
}
