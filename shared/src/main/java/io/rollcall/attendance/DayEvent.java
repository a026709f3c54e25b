package io.rollcall.attendance;

import java.time.Instant;
import java.util.UUID;

/** One accepted (not repeat) IN or OUT of a person's day, as Redis keeps it: {"id","type","time"}. */
public record DayEvent(UUID id, EventType type, Instant time) {
}
