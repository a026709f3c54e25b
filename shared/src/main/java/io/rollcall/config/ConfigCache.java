package io.rollcall.config;

import java.util.Optional;
import java.util.function.Supplier;

import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis side of configuration reads: config:system:{org_id} and config:app, each a JSON object of the
 * stored keys. Redis is only a cache here: every failure is logged and answered as a miss, so reads go on
 * against Postgres when Redis is down.
 */
public class ConfigCache {

    private static final Logger log = LoggerFactory.getLogger(ConfigCache.class);

    private final Supplier<RedisCommands<String, String>> redis;

    public ConfigCache(Supplier<RedisCommands<String, String>> redis) {
        this.redis = redis;
    }

    public static String organizationKey(java.util.UUID organizationId) {
        return "config:system:" + organizationId;
    }

    public static final String APPLICATION_KEY = "config:app";

    public Optional<String> get(String key) {
        try {
            return Optional.ofNullable(redis.get().get(key));
        } catch (RuntimeException e) {
            log.debug("config cache unavailable, reading Postgres: {}", e.getMessage());
            return Optional.empty();
        }
    }

    public void put(String key, String json, long ttlSeconds) {
        if (ttlSeconds <= 0) {
            return;
        }
        try {
            redis.get().setex(key, ttlSeconds, json);
        } catch (RuntimeException e) {
            log.debug("config cache unavailable, not caching {}: {}", key, e.getMessage());
        }
    }

    /** A write must be visible at once: drop the cached copy. If Redis is unreachable it expires by its TTL. */
    public void evict(String key) {
        try {
            redis.get().del(key);
        } catch (RuntimeException e) {
            log.warn("could not evict {} from Redis; it expires by its TTL: {}", key, e.getMessage());
        }
    }
}
