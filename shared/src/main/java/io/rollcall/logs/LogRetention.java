package io.rollcall.logs;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.rollcall.config.ConfigKey;
import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The retention policy: audit_logs and system_logs rows older than their configured days are deleted, in
 * chunks so no statement holds locks or WAL for long; the BRIN index on created_at finds them cheaply.
 */
@Service
public class LogRetention {

    static final int CHUNK = 10_000;

    private final JdbcTemplate jdbc;
    private final ConfigStore config;

    public LogRetention(JdbcTemplate jdbc, ConfigStore config) {
        this.jdbc = jdbc;
        this.config = config;
    }

    /** Deletes what has expired as of {@code now}; returns the rows deleted per table. */
    public Map<String, Long> purge(Instant now) {
        Map<String, Long> deleted = new LinkedHashMap<>();
        deleted.put("audit_logs", purge("audit_logs", now.minus(days(ConfigKeys.AUDIT_RETENTION_DAYS))));
        deleted.put("system_logs", purge("system_logs", now.minus(days(ConfigKeys.SYSTEM_LOG_RETENTION_DAYS))));
        return deleted;
    }

    private Duration days(ConfigKey<Integer> key) {
        return Duration.ofDays(config.application(key));
    }

    private long purge(String table, Instant cutoff) {
        long total = 0;
        int n;
        do {
            n = jdbc.update("DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE created_at < ? LIMIT " + CHUNK + ")",
                    Timestamp.from(cutoff));
            total += n;
        } while (n == CHUNK);
        return total;
    }
}
