package io.rollcall.schedules;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.events.EventType;
import io.rollcall.events.RaisedEvent;
import io.rollcall.events.Severity;
import io.rollcall.platform.Queues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Raises LATE_ARRIVAL, ABSENT and MISSING_OUT on the events queue for today's and yesterday's days (a night
 * shift's, or a MISSING_OUT window, reaches into the next day), for the alerts each organization turned on
 * (hr.alerts). Once per person, day and type: the event id is derived from them, so a retry or a second run
 * sends the same event (stored once by dispatchNotification), and hr_alerts remembers what was sent.
 */
@Service("raiseHrAlertsUseCase")
public class RaiseHrAlerts {

    private static final Logger log = LoggerFactory.getLogger(RaiseHrAlerts.class);

    /** One run's count per organization. */
    public record Raised(UUID organizationId, int alerts) {
    }

    private final ScheduleTotals totals;
    private final HrAlerts alerts;
    private final ConfigStore config;
    private final OrganizationSettingsService settings;
    private final Queues queues;

    public RaiseHrAlerts(ScheduleTotals totals, HrAlerts alerts, ConfigStore config, OrganizationSettingsService settings,
                         Queues queues) {
        this.totals = totals;
        this.alerts = alerts;
        this.config = config;
        this.settings = settings;
        this.queues = queues;
    }

    public List<Raised> raiseAll(Instant now) {
        List<Raised> raised = new ArrayList<>();
        for (UUID org : alerts.organizationsWithAlerts()) {
            try {
                raised.add(new Raised(org, raise(org, now)));
            } catch (RuntimeException e) {
                // one organization's failure must not keep the others' alerts back; the next run retries it
                log.error("HR alerts of organization {} failed: {}", org, e.toString());
            }
        }
        return raised;
    }

    /** The organization's alerts due at {@code now}; returns how many were sent. */
    public int raise(UUID organizationId, Instant now) {
        List<String> enabled = config.organization(organizationId, ConfigKeys.HR_ALERTS);
        if (enabled.isEmpty()) {
            return 0;
        }
        Duration absentAfter = Duration.ofMinutes(config.organization(organizationId, ConfigKeys.HR_ABSENT_ALERT_AFTER_MINUTES));
        ZoneId zone = settings.forOrganization(organizationId).timeZone();
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate yesterday = today.minusDays(1);
        Set<String> done = alerts.raised(organizationId, yesterday, today);
        List<Due> due = new ArrayList<>();
        totals.forEachJudged(organizationId, yesterday, today, null, null, now, (person, sums, calendar) -> {
            for (DayRules.Judged day : sums.days()) {
                if (day.kind() != DayRules.Kind.WORKDAY || day.status() == DayStatus.ON_LEAVE || day.shiftStart() == null) {
                    continue;
                }
                if (enabled.contains("LATE_ARRIVAL") && day.exceptions().contains(DayStatus.LATE)) {
                    due.add(new Due(person, day, EventType.LATE_ARRIVAL));
                }
                if (enabled.contains("ABSENT") && day.firstIn() == null && !now.isBefore(day.shiftStart().plus(absentAfter))) {
                    due.add(new Due(person, day, EventType.ABSENT));
                }
                if (enabled.contains("MISSING_OUT") && day.exceptions().contains(DayStatus.MISSING_OUT)) {
                    due.add(new Due(person, day, EventType.MISSING_OUT));
                }
            }
        });
        int sent = 0;
        for (Due d : due) {
            String key = d.person().userId() + "|" + d.day().date() + "|" + d.type().name();
            if (done.contains(key)) {
                continue;
            }
            UUID eventId = UUID.nameUUIDFromBytes((organizationId + "|" + key).getBytes(StandardCharsets.UTF_8));
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("userId", d.person().userId().toString());
            metadata.put("username", d.person().username());
            if (d.person().fullName() != null) {
                metadata.put("fullName", d.person().fullName());
            }
            metadata.put("date", d.day().date().toString());
            metadata.put("shiftStart", d.day().shiftStart().toString());
            if (d.day().firstIn() != null) {
                metadata.put("firstIn", d.day().firstIn().toString());
            }
            // sent before it is marked: a crash in between sends the same event id again, which is stored once
            queues.send(Queues.Name.EVENTS, new RaisedEvent(eventId, organizationId, d.type(), Severity.WARNING,
                    d.person().userId(), metadata, now));
            if (alerts.mark(organizationId, d.person().userId(), d.day().date(), d.type().name(), eventId)) {
                sent++;
            }
        }
        return sent;
    }

    private record Due(ScheduleTotals.Person person, DayRules.Judged day, EventType type) {
    }
}
