package io.rollcall.health;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rollcall.events.EventType;
import io.rollcall.events.RaisedEvent;
import io.rollcall.events.Severity;
import io.rollcall.platform.Queues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A service whose status changed since the last report raises an event for every active organization (an
 * outage touches them all, and each routes it to its own people): SERVICE_DOWN, SERVICE_DEGRADED or
 * SERVICE_RECOVERED. Event ids derive from the transition, so a retried report raises the same ids.
 */
@Service
public class HealthTransitions {

    private static final Logger log = LoggerFactory.getLogger(HealthTransitions.class);

    private final Queues queues;
    private final JdbcClient jdbc;

    public HealthTransitions(Queues queues, JdbcClient jdbc) {
        this.queues = queues;
        this.jdbc = jdbc;
    }

    /** What changed between {@code previous} (service → status) and {@code report}, as raised events. */
    public List<RaisedEvent> raise(String serviceName, Map<String, HealthStatus> previous, HealthReport report) {
        Map<String, HealthStatus> now = new LinkedHashMap<>();
        now.put(serviceName, report.status());
        report.dependencies().forEach(d -> now.put(d.name(), d.status()));
        List<UUID> organizations = null;
        List<RaisedEvent> raised = new ArrayList<>();
        for (Map.Entry<String, HealthStatus> entry : now.entrySet()) {
            HealthStatus before = previous.getOrDefault(entry.getKey(), HealthStatus.UP);
            HealthStatus after = entry.getValue();
            if (before == after) {
                continue;
            }
            if (organizations == null) {
                organizations = jdbc.sql("SELECT id FROM organizations WHERE is_active").query(UUID.class).list();
            }
            EventType type = switch (after) {
                case DOWN -> EventType.SERVICE_DOWN;
                case DEGRADED -> EventType.SERVICE_DEGRADED;
                case UP -> EventType.SERVICE_RECOVERED;
            };
            Severity severity = switch (after) {
                case DOWN -> Severity.CRITICAL;
                case DEGRADED -> Severity.WARNING;
                case UP -> Severity.INFO;
            };
            String detail = report.dependencies().stream().filter(d -> d.name().equals(entry.getKey()))
                    .map(DependencyHealth::detail).findFirst().orElse(after.name());
            Map<String, Object> metadata = Map.of("service", entry.getKey(), "from", before.name(), "to", after.name(),
                    "detail", detail == null ? "" : detail);
            for (UUID org : organizations) {
                UUID id = UUID.nameUUIDFromBytes((org + "|" + entry.getKey() + "|" + after + "|" + report.checkedAt())
                        .getBytes(StandardCharsets.UTF_8));
                RaisedEvent event = new RaisedEvent(id, org, type, severity, null, metadata, report.checkedAt());
                try {
                    queues.send(Queues.Name.EVENTS, event);
                    raised.add(event);
                } catch (RuntimeException e) {
                    log.error("could not raise {} for {}: {}", type, entry.getKey(), e.getMessage());
                }
            }
        }
        return raised;
    }
}
