package io.rollcall.functions.health;

import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.rollcall.health.HealthReport;
import io.rollcall.health.HealthService;
import io.rollcall.health.HealthTransitions;
import io.rollcall.health.SystemHealthRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * reportHealth, on its schedule: checks every dependency for real, writes the outcome to system_health, and
 * raises an event (so a notification) for every service whose status changed since the last report.
 */
@Component("reportHealth")
public class ReportHealthFunction implements Function<ScheduledEvent, HealthReport> {

    static final String SERVICE_NAME = "rollcall";

    private static final Logger log = LoggerFactory.getLogger(ReportHealthFunction.class);

    private final HealthService health;
    private final SystemHealthRepository history;
    private final HealthTransitions transitions;

    public ReportHealthFunction(HealthService health, SystemHealthRepository history, HealthTransitions transitions) {
        this.health = health;
        this.history = history;
        this.transitions = transitions;
    }

    @Override
    public HealthReport apply(ScheduledEvent event) {
        var previous = history.latestStatuses();
        HealthReport report = health.checkAndRecord(SERVICE_NAME);
        log.info("health {}: {}", report.status(), report.dependencies());
        transitions.raise(SERVICE_NAME, previous, report);
        return report;
    }
}
