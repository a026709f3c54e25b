package io.rollcall.health;

import java.time.Instant;
import java.util.List;

/** The state of the system at one moment: overall, per dependency, and this process's CPU and memory use. */
public record HealthReport(HealthStatus status, List<DependencyHealth> dependencies,
                           double cpuUsagePercent, double memoryUsagePercent, Instant checkedAt) {
}
