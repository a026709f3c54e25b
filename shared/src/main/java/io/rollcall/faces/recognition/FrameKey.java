package io.rollcall.faces.recognition;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one contract for a camera frame's object key, {@code frames/{organizationId}/{cameraId}/{name}}: written
 * by the camera routes ({@link #newKey}), read by recognition ({@link #parse}). The organization and camera come
 * from the camera's key, never from the request. The name may start with the capture time, as epoch
 * milliseconds ({@code 1764057600000.jpg}) or ISO-8601 UTC, basic or extended ({@code 20251125T080000123Z-{uuid}.jpg}
 * as {@link #newKey} names them, {@code 20251125T080000Z-1.jpg}, {@code 2025-11-25T08:00:00.250Z.jpg}), so frames
 * put there by other uploaders are read too; otherwise the object's own time is used.
 */
public record FrameKey(UUID organizationId, UUID cameraId, String name, Optional<Instant> capturedAt) {

    public static final String PREFIX = "frames/";
    private static final DateTimeFormatter NEW_KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** A new frame's key: its capture time (milliseconds, UTC), then a random id so two frames never collide. */
    public static String newKey(UUID organizationId, UUID cameraId, Instant capturedAt) {
        return PREFIX + organizationId + "/" + cameraId + "/" + NEW_KEY_TIME.format(capturedAt) + "-" + UUID.randomUUID() + ".jpg";
    }

    private static final Pattern KEY = Pattern.compile("frames/([^/]+)/([^/]+)/(.+)");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("^(\\d{13})(?!\\d)");
    private static final Pattern ISO_BASIC = Pattern.compile("^(\\d{8}T\\d{6})(?:\\.?(\\d{1,9}))?Z");
    private static final Pattern ISO_EXTENDED = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?Z)");

    /** The parsed key; IllegalArgumentException with the reason when it is not a frame key. */
    public static FrameKey parse(String key) {
        Matcher m = KEY.matcher(key == null ? "" : key);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a frame key (frames/{organizationId}/{cameraId}/{name}): " + key);
        }
        return new FrameKey(uuid(m.group(1), "organization"), uuid(m.group(2), "camera"), m.group(3), timeIn(m.group(3)));
    }

    private static UUID uuid(String text, String what) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " id in the key is not a UUID: " + text);
        }
    }

    static Optional<Instant> timeIn(String name) {
        try {
            Matcher m = EPOCH_MILLIS.matcher(name);
            if (m.find()) {
                return Optional.of(Instant.ofEpochMilli(Long.parseLong(m.group(1))));
            }
            m = ISO_EXTENDED.matcher(name);
            if (m.find()) {
                return Optional.of(Instant.parse(m.group(1)));
            }
            m = ISO_BASIC.matcher(name);
            if (m.find()) {
                Instant t = LocalDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")).toInstant(ZoneOffset.UTC);
                return Optional.of(m.group(2) == null ? t : t.plusNanos(Long.parseLong((m.group(2) + "00000000").substring(0, 9))));
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // a name that only looks like a time: use the object's time
        }
        return Optional.empty();
    }
}
