package io.rollcall.functions.health;

import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.rollcall.health.HealthReport;
import io.rollcall.health.HealthService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** reportHealth, on its schedule: checks every dependency for real and writes the outcome to system_health. */
@Component("reportHealth")
public class ReportHealthFunction implements Function<ScheduledEvent, HealthReport> {

    static final String SERVICE_NAME = "rollcall";

    private static final Logger log = LoggerFactory.getLogger(ReportHealthFunction.class);

    private final HealthService health;

    public ReportHealthFunction(HealthService health) {
        this.health = health;
    }

    @Override
    public HealthReport apply(ScheduledEvent event) {
        HealthReport report = health.checkAndRecord(SERVICE_NAME);
        log.info("health {}: {}", report.status(), report.dependencies());
        return report;
    }
}
