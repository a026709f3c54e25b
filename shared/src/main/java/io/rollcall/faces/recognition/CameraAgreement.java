package io.rollcall.faces.recognition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.api.StatefulRedisConnection;
import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import org.springframework.stereotype.Component;

/**
 * Agreement over two frames for cameras (opt-in: {@code recognition.camera_frames_to_agree} = 2): a camera's match
 * counts only when another frame of the same camera matched the same person within
 * {@code recognition.agreement_seconds}. A stranger who resembles someone in one frame rarely does in the next.
 *
 * <p>Redis keeps, per camera and person, the last two distinct frames that matched ({@code frame|epochMillis}), so a
 * retried frame (same object, same ETag) is never its own second frame, and a retried confirming frame is still
 * confirmed. Not atomic: two frames processed at the same instant by two instances may both wait (a missed
 * sighting, never a false one).
 */
@Component
public class CameraAgreement {

    private final StatefulRedisConnection<String, String> redis;
    private final ConfigStore config;

    public CameraAgreement(StatefulRedisConnection<String, String> redis, ConfigStore config) {
        this.redis = redis;
        this.config = config;
    }

    /** Whether the organization asks cameras for two agreeing frames. */
    public boolean required(UUID organizationId) {
        return config.organization(organizationId, ConfigKeys.CAMERA_FRAMES_TO_AGREE) > 1;
    }

    /**
     * Records that {@code frame} matched {@code userId} on the camera and answers whether another frame did within the
     * window.
     */
    public boolean confirm(UUID organizationId, UUID cameraId, UUID userId, String frame, Instant capturedAt) {
        long window = config.organization(organizationId, ConfigKeys.AGREEMENT_SECONDS) * 1000L;
        String key = "faces:agree:" + organizationId + ":" + cameraId + ":" + userId;
        List<String[]> others = new ArrayList<>();
        String stored = redis.sync().get(key);
        if (stored != null) {
            for (String entry : stored.split(",")) {
                int bar = entry.lastIndexOf('|');
                if (bar > 0 && !entry.substring(0, bar).equals(frame)) {
                    others.add(new String[] {entry.substring(0, bar), entry.substring(bar + 1)});
                }
            }
        }
        long at = capturedAt.toEpochMilli();
        boolean confirmed = others.stream().anyMatch(o -> Math.abs(Long.parseLong(o[1]) - at) <= window);
        String latestOther = others.stream().max(java.util.Comparator.comparingLong(o -> Long.parseLong(o[1])))
                .map(o -> o[0] + "|" + o[1] + ",").orElse("");
        redis.sync().setex(key, Math.max(60, 2 * window / 1000), latestOther + frame + "|" + at);
        return confirmed;
    }
}
