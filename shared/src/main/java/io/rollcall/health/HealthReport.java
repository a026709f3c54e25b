package io.rollcall.health;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The state of the system at one moment: overall, per dependency, and this process's CPU and memory use. */
public record HealthReport(HealthStatus status, List<DependencyHealth> dependencies,
                           double cpuUsagePercent, double memoryUsagePercent, Instant checkedAt) {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /**
     * The report as one organization's ADMIN may see it: a detail's parts ("; "-separated) that name another
     * organization's id are left out, so no tenant learns that another exists.
     */
    public HealthReport visibleTo(UUID organizationId) {
        String own = organizationId.toString();
        List<DependencyHealth> visible = dependencies.stream().map(d -> d.detail() == null ? d
                : new DependencyHealth(d.name(), d.status(), d.latencyMillis(), Arrays.stream(d.detail().split("; "))
                        .filter(part -> namesOnly(part, own)).collect(Collectors.joining("; ")))).toList();
        return new HealthReport(status, visible, cpuUsagePercent, memoryUsagePercent, checkedAt);
    }

    private static boolean namesOnly(String part, String organizationId) {
        Matcher ids = ID.matcher(part);
        while (ids.find()) {
            if (!ids.group().equals(organizationId)) {
                return false;
            }
        }
        return true;
    }
}
