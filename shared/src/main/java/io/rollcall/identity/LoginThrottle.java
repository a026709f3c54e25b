package io.rollcall.identity;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Locks a username for a while after repeated failed logins. Counted per username, whether or not it exists
 * (a lock-out must not reveal which usernames are real), in Postgres (table login_failures). Failures older
 * than the lock period no longer count; a success clears the count.
 */
@Component
public class LoginThrottle {

    private final JdbcClient jdbc;
    private final int maxFailures;
    private final int lockSeconds;

    public LoginThrottle(JdbcClient jdbc, @Value("${rollcall.login.max-failures}") int maxFailures,
                         @Value("${rollcall.login.lock-seconds}") int lockSeconds) {
        this.jdbc = jdbc;
        this.maxFailures = maxFailures;
        this.lockSeconds = lockSeconds;
    }

    public boolean isLocked(String username) {
        return jdbc.sql("SELECT count(*) FROM login_failures WHERE username = ? AND locked_until > now()")
                .param(username).query(Integer.class).single() > 0;
    }

    /** Counts one failure in one statement (concurrent failures cannot undercount) and locks at the limit. */
    public void recordFailure(String username) {
        String count = """
                CASE WHEN login_failures.last_failure_at < now() - make_interval(secs => :lock)
                       OR login_failures.locked_until <= now()
                     THEN 1 ELSE login_failures.failures + 1 END""";
        jdbc.sql("""
                INSERT INTO login_failures (username, failures, last_failure_at, locked_until)
                VALUES (:username, 1, now(), CASE WHEN 1 >= :max THEN now() + make_interval(secs => :lock) END)
                ON CONFLICT (username) DO UPDATE SET
                    failures = %s,
                    last_failure_at = now(),
                    locked_until = CASE WHEN %s >= :max THEN now() + make_interval(secs => :lock) END
                """.formatted(count, count))
                .param("username", username).param("max", maxFailures).param("lock", lockSeconds).update();
        // Keep the table to recent rows: usernames that stopped failing long ago are forgotten.
        jdbc.sql("DELETE FROM login_failures WHERE last_failure_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())")
                .update();
    }

    public void clear(String username) {
        jdbc.sql("DELETE FROM login_failures WHERE username = ?").param(username).update();
    }
}
