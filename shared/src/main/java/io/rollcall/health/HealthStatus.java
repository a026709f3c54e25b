package io.rollcall.health;

/** The state of a service, as system_health.status stores it. */
public enum HealthStatus {
    UP, DEGRADED, DOWN;

    /** The worse of the two. */
    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
