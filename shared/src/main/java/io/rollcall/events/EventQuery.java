package io.rollcall.events;

import java.time.Instant;

/** Filters of the events list; null means "any". Newest first, keyset-paged by {@code before} (created_at). */
public record EventQuery(EventType type, Severity severity, Instant from, Instant to, Boolean acknowledged,
                         Instant before, int limit) {
}
