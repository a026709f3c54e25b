package io.rollcall.identity;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Locks a username for a while after repeated failed logins. Counted per username, whether or not it exists
 * (a lock-out must not reveal which usernames are real), in Postgres (table login_failures). Every attempt is
 * counted before its password is checked; attempts older than the lock period no longer count; a success clears
 * the count.
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

    /**
     * Counts this attempt before the password is verified, in one statement, and says whether it may go on:
     * N concurrent guesses are N counted attempts, so no more than the limit are ever verified per lock period.
     * An attempt on a locked username is refused without being counted; a success then {@link #clear clears}.
     */
    public boolean tryAttempt(String username) {
        String restarts = "f.last_failure_at < now() - make_interval(secs => :lock) OR f.locked_until <= now()";
        String count = "CASE WHEN " + restarts + " THEN 1 ELSE f.failures + 1 END";
        boolean allowed = jdbc.sql("""
                INSERT INTO login_failures AS f (username, failures, last_failure_at, locked_until)
                VALUES (:username, 1, now(), CASE WHEN 1 >= :max THEN now() + make_interval(secs => :lock) END)
                ON CONFLICT (username) DO UPDATE SET
                    failures = CASE WHEN f.locked_until > now() THEN f.failures ELSE %s END,
                    last_failure_at = CASE WHEN f.locked_until > now() THEN f.last_failure_at ELSE now() END,
                    locked_until = CASE WHEN f.locked_until > now() THEN f.locked_until
                                        WHEN %s >= :max THEN now() + make_interval(secs => :lock) END
                RETURNING last_failure_at = now() AND failures <= :max
                """.formatted(count, count))
                .param("username", username).param("max", maxFailures).param("lock", lockSeconds)
                .query(Boolean.class).single();
        // Keep the table to recent rows: usernames that stopped failing long ago are forgotten.
        jdbc.sql("DELETE FROM login_failures WHERE last_failure_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())")
                .update();
        return allowed;
    }

    public void clear(String username) {
        jdbc.sql("DELETE FROM login_failures WHERE username = ?").param(username).update();
    }
}
