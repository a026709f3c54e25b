package io.rollcall.functions.retention;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.rollcall.faces.recognition.UnknownFaces;
import io.rollcall.logs.LogRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * applyRetention, nightly: deletes what the system no longer keeps - audit and system log rows past their
 * retention (application settings) and unknown faces past each organization's retention.unknown_faces_days.
 */
@Component("applyRetention")
public class ApplyRetentionFunction implements Function<ScheduledEvent, Map<String, Long>> {

    private static final Logger log = LoggerFactory.getLogger(ApplyRetentionFunction.class);

    private final LogRetention logs;
    private final UnknownFaces unknownFaces;

    public ApplyRetentionFunction(LogRetention logs, UnknownFaces unknownFaces) {
        this.logs = logs;
        this.unknownFaces = unknownFaces;
    }

    @Override
    public Map<String, Long> apply(ScheduledEvent event) {
        Instant now = Instant.now();
        Map<String, Long> deleted = new LinkedHashMap<>(logs.purge(now));
        deleted.put("unknown_faces", unknownFaces.purgeExpired(now));
        log.info("retention: deleted {}", deleted);
        return deleted;
    }
}
