package io.rollcall.identity.cameras;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object keys of camera frames: frames/{organizationId}/{cameraId}/{yyyyMMdd'T'HHmmssSSS'Z'}-{uuid}.jpg.
 * The organization and camera come from the camera's key, never from the request; recognition reads them back
 * with {@link #parse}.
 */
public final class FrameKeys {

    public static final String PREFIX = "frames/";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern KEY = Pattern.compile(
            "frames/([0-9a-f-]{36})/([0-9a-f-]{36})/(\\d{8}T\\d{9}Z)-[0-9a-f-]{36}\\.jpg");

    /** What a frame's key says. */
    public record Frame(UUID organizationId, UUID cameraId, Instant capturedAt) {
    }

    private FrameKeys() {
    }

    public static String newKey(UUID organizationId, UUID cameraId, Instant capturedAt) {
        return PREFIX + organizationId + "/" + cameraId + "/" + TIME.format(capturedAt) + "-" + UUID.randomUUID() + ".jpg";
    }

    public static Optional<Frame> parse(String key) {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Frame(UUID.fromString(m.group(1)), UUID.fromString(m.group(2)),
                    TIME.parse(m.group(3), Instant::from)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
