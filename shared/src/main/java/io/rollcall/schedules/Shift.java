package io.rollcall.schedules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A shift type: FIXED (start, end, unpaid break; an end at or before the start is the next day's, a night shift)
 * or FLEXIBLE (a number of minutes to work, optionally inside core hours start..end).
 */
public record Shift(Kind kind, LocalTime start, LocalTime end, int breakMinutes, Integer requiredMinutes) {

    public enum Kind { FIXED, FLEXIBLE }

    public static Shift fixed(LocalTime start, LocalTime end, int breakMinutes) {
        return new Shift(Kind.FIXED, start, end, breakMinutes, null);
    }

    public static Shift flexible(int requiredMinutes, LocalTime coreStart, LocalTime coreEnd) {
        return new Shift(Kind.FLEXIBLE, coreStart, coreEnd, 0, requiredMinutes);
    }

    /** A fixed shift whose end is on the next calendar day. */
    public boolean crossesMidnight() {
        return kind == Kind.FIXED && !end.isAfter(start);
    }

    public boolean hasCore() {
        return kind == Kind.FLEXIBLE && start != null && end != null;
    }

    /** When the shift of {@code day} begins: for a flexible shift, its core start or the day's start. */
    public Instant startOn(LocalDate day, ZoneId zone) {
        return (start == null ? day.atStartOfDay(zone) : day.atTime(start).atZone(zone)).toInstant();
    }

    /** When it ends: a night shift's on the next day; a flexible shift's at its core end or the day's end. */
    public Instant endOn(LocalDate day, ZoneId zone) {
        if (end == null) {
            return day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return day.plusDays(crossesMidnight() ? 1 : 0).atTime(end).atZone(zone).toInstant();
    }

    /**
     * What the day asks of the person: a fixed shift's real length on that date (so 7 or 9 hours across a
     * daylight-saving change) less its break; a flexible shift's required minutes.
     */
    public int scheduledMinutes(LocalDate day, ZoneId zone) {
        if (kind == Kind.FLEXIBLE) {
            return requiredMinutes;
        }
        return (int) Math.max(0, Duration.between(startOn(day, zone), endOn(day, zone)).toMinutes() - breakMinutes);
    }
}
