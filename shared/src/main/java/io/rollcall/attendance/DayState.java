package io.rollcall.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A person's day so far: the value at attendance:today:{org}:{user} (seed section 2 plus the day it belongs
 * to, so a new day never merges into yesterday).
 */
public record DayState(LocalDate date, Instant firstIn, Instant lastOut, List<DayEvent> events) {

    public enum Status { PRESENT, LEFT, NOT_ARRIVED }

    public static DayState empty(LocalDate date) {
        return new DayState(date, null, null, List.of());
    }

    /** Present after an IN, left after an OUT, not arrived before any event. */
    public Status status() {
        if (events.isEmpty()) {
            return Status.NOT_ARRIVED;
        }
        return events.get(events.size() - 1).type() == EventType.IN ? Status.PRESENT : Status.LEFT;
    }
}
