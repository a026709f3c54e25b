package io.rollcall.functions.audit;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.rollcall.logs.LogRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** purgeExpiredLogs, nightly: applies the audit and system log retention (application settings). */
@Component("purgeExpiredLogs")
public class PurgeExpiredLogsFunction implements Function<ScheduledEvent, Map<String, Long>> {

    private static final Logger log = LoggerFactory.getLogger(PurgeExpiredLogsFunction.class);

    private final LogRetention retention;

    public PurgeExpiredLogsFunction(LogRetention retention) {
        this.retention = retention;
    }

    @Override
    public Map<String, Long> apply(ScheduledEvent event) {
        Map<String, Long> deleted = retention.purge(Instant.now());
        log.info("retention: deleted {}", deleted);
        return deleted;
    }
}
