package io.rollcall.attendance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * IN/OUT and repeat decisions, free of storage so they can be read in one place (docs/attendance.md).
 * The same person's earlier accepted events of that day decide; a late event is judged against the events
 * before it in time, so redelivery order does not matter for the events it did not see.
 */
public final class AttendanceRules {

    private AttendanceRules() {
    }

    /** The event a sighting becomes, and whether it is a repeat (kept in the log, never flips IN/OUT). */
    public record Decision(EventType type, boolean repeat) {
    }

    /**
     * @param direction the camera's direction; BOTH for an API event without a camera
     * @param accepted  the day's accepted events of this person, in time order
     */
    public static Decision decide(CameraDirection direction, List<DayEvent> accepted, Instant time, Duration repeatWindow) {
        DayEvent previous = null;
        for (DayEvent event : accepted) {
            if (event.time().isAfter(time)) {
                break;
            }
            previous = event;
        }
        EventType type = switch (direction) {
            case ENTRY -> EventType.IN;
            case EXIT -> EventType.OUT;
            case BOTH -> previous == null ? EventType.IN : EventType.OUT;
        };
        // A camera that sees both ways cannot tell a second look from a departure: inside the window it is a
        // repeat. An EXIT camera right after an ENTRY camera is a real departure and stays one.
        boolean repeat = previous != null
                && Duration.between(previous.time(), time).compareTo(repeatWindow) < 0
                && (direction == CameraDirection.BOTH || previous.type() == type);
        return new Decision(type, repeat);
    }
}
