package io.rollcall.health;

/** One dependency the system needs. A check throws when the dependency is not usable. */
public interface HealthCheck {

    String name();

    /** Returns a short detail (e.g. a version or a queue depth) or throws when the dependency fails. */
    String check() throws Exception;

    /** A check named {@code name} that runs {@code probe}. */
    static HealthCheck of(String name, java.util.concurrent.Callable<String> probe) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String check() throws Exception {
                return probe.call();
            }
        };
    }

    /** Thrown by a check whose dependency works but needs attention (e.g. messages in a dead-letter queue). */
    class Degraded extends Exception {
        public Degraded(String detail) {
            super(detail);
        }
    }
}
