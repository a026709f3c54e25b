package io.rollcall.attendance;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * How the organization's rules judged people's days (implemented by schedules.ScheduleTotals): what the report
 * and its CSV show beside the raw first-in and last-out. Without a bean the report has no status column values.
 */
public interface DayJudgements {

    /** A day's primary status (schedules.DayStatus's name) and its worked minutes by the organization's rules. */
    record Judgement(String status, int workedMinutes) {
    }

    /** Per person, per date of {@code from}..{@code to}: the judgement of each of those people's days. */
    Map<UUID, Map<LocalDate, Judgement>> judge(UUID organizationId, LocalDate from, LocalDate to, Collection<UUID> users);
}
