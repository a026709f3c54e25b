package io.rollcall.health;

/** The result of checking one dependency: its state, how long the check took, and what went wrong if anything. */
public record DependencyHealth(String name, HealthStatus status, long latencyMillis, String detail) {
}
