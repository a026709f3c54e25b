package io.rollcall.attendance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One person's day in a report: from attendance_records once flushed, computed from attendance_logs the same way
 * before ({@code flushed} false).
 */
public record AttendanceDay(LocalDate date, UUID userId, String username, String fullName, String employeeCode,
                            String department, Instant firstIn, Instant lastOut, Integer totalMinutes, String source,
                            BigDecimal confidence, String reason, boolean flushed) {
}
