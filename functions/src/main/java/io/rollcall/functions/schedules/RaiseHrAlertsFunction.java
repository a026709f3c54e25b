package io.rollcall.functions.schedules;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.rollcall.schedules.RaiseHrAlerts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * raiseHrAlerts, every 10 minutes: LATE_ARRIVAL, ABSENT and MISSING_OUT for the organizations that turned them
 * on (hr.alerts), once per person and day, onto the events queue (dispatchNotification sends them to the
 * organization's channels).
 */
@Component("raiseHrAlerts")
public class RaiseHrAlertsFunction implements Function<ScheduledEvent, List<RaiseHrAlerts.Raised>> {

    private static final Logger log = LoggerFactory.getLogger(RaiseHrAlertsFunction.class);

    private final RaiseHrAlerts alerts;

    public RaiseHrAlertsFunction(RaiseHrAlerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public List<RaiseHrAlerts.Raised> apply(ScheduledEvent event) {
        List<RaiseHrAlerts.Raised> raised = alerts.raiseAll(Instant.now());
        log.info("HR alerts: {}", raised);
        return raised;
    }
}
