package io.rollcall.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * One of Redis's databases 1-15, claimed for this test JVM alone: {@code SET NX} on a claim key in database 0
 * with a lease the JVM renews while it runs and deletes when it exits (a killed JVM's lease expires). Two
 * checkouts running their suites at once never share a database, which a hash of their paths could not
 * promise.
 */
final class RedisTestDatabase {

    static final String CLAIM_KEY = "rollcall:test-redis-db:";
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final String RENEW_IF_OURS =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String DELETE_IF_OURS =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private RedisTestDatabase() {
    }

    /** Claims the first free database for {@code owner}; it stays claimed until this JVM exits. */
    static int claim(String host, String owner) {
        return claim(host, owner, 1, 15, false);
    }

    /**
     * Claims the database ROLLCALL_TEST_REDIS_DB names, so that checkouts claiming one for themselves keep off
     * it while this JVM runs; another holder does not stop it (sharing is what the override asks for).
     */
    static int claimNamed(String host, String owner, int db) {
        return claim(host, owner, db, db, true);
    }

    private static int claim(String host, String owner, int first, int last, boolean evenIfHeld) {
        RedisClient client = RedisClient.create("redis://" + host + ":6379/0");
        StatefulRedisConnection<String, String> redis = client.connect();
        List<String> holders = new ArrayList<>();
        for (int db = first; db <= last; db++) {
            String key = CLAIM_KEY + db;
            if ("OK".equals(redis.sync().set(key, owner, SetArgs.Builder.nx().px(LEASE.toMillis())))) {
                keep(client, redis, key, owner);
                return db;
            }
            holders.add(db + ": " + redis.sync().get(key));
        }
        redis.close();
        client.shutdown();
        if (evenIfHeld) {
            return first;
        }
        throw new IllegalStateException("every Redis test database is claimed (" + String.join(", ", holders)
                + "); set ROLLCALL_TEST_REDIS_DB to share one on purpose");
    }

    private static void keep(RedisClient client, StatefulRedisConnection<String, String> redis, String key, String owner) {
        ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "redis-test-db-lease");
            thread.setDaemon(true);
            return thread;
        });
        long every = LEASE.toMillis() / 4;
        renewer.scheduleAtFixedRate(() -> redis.sync().eval(RENEW_IF_OURS, ScriptOutputType.INTEGER, new String[] {key},
                owner, String.valueOf(LEASE.toMillis())), every, every, TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            renewer.shutdownNow();
            try {
                redis.sync().eval(DELETE_IF_OURS, ScriptOutputType.INTEGER, new String[] {key}, owner);
            } finally {
                redis.close();
                client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            }
        }, "redis-test-db-release"));
    }
}
