package io.rollcall.functions.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.rollcall.faces.OrphanedFaceObjects;
import io.rollcall.faces.privacy.EraseInactiveTemplates;
import io.rollcall.faces.recognition.FrameRetention;
import io.rollcall.faces.recognition.UnknownFaces;
import io.rollcall.logs.LogRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * applyRetention, hourly: deletes what the system no longer keeps - audit and system log rows past their
 * retention (application settings), camera frames past each organization's retention.frames_hours, unknown
 * faces past its retention.unknown_faces_days, the face templates of people not seen for
 * retention.inactive_templates_days (BIPA-style, docs/privacy.md), and face images in the bucket that no row names (left by a crash
 * between the object and its row). Hourly, because frames are kept for hours.
 */
@Component("applyRetention")
public class ApplyRetentionFunction implements Function<ScheduledEvent, Map<String, Long>> {

    private static final Logger log = LoggerFactory.getLogger(ApplyRetentionFunction.class);

    /** An object younger than this may be an enrollment whose row is being written. */
    static final Duration ORPHAN_MIN_AGE = Duration.ofHours(1);

    private final LogRetention logs;
    private final UnknownFaces unknownFaces;
    private final OrphanedFaceObjects orphans;
    private final FrameRetention frames;
    private final EraseInactiveTemplates inactiveTemplates;

    public ApplyRetentionFunction(LogRetention logs, UnknownFaces unknownFaces, OrphanedFaceObjects orphans,
                                  FrameRetention frames, EraseInactiveTemplates inactiveTemplates) {
        this.logs = logs;
        this.unknownFaces = unknownFaces;
        this.orphans = orphans;
        this.frames = frames;
        this.inactiveTemplates = inactiveTemplates;
    }

    @Override
    public Map<String, Long> apply(ScheduledEvent event) {
        Instant now = Instant.now();
        Map<String, Long> deleted = new LinkedHashMap<>(logs.purge(now));
        deleted.put("frames", frames.purge(now));
        deleted.put("unknown_faces", unknownFaces.purgeExpired(now));
        deleted.put("inactive_templates", inactiveTemplates.erase(now));
        deleted.put("orphaned_face_objects", orphans.delete(now.minus(ORPHAN_MIN_AGE)));
        log.info("retention: deleted {}", deleted);
        return deleted;
    }
}
