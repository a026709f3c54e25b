package io.rollcall.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

class RedisTestDatabaseTest {

    @Test
    void twoClaimsNeverGetTheSameDatabaseAndEachIsLeasedToItsOwner() {
        int first = RedisTestDatabase.claim("127.0.0.1", "checkout-a pid 1");
        int second = RedisTestDatabase.claim("127.0.0.1", "checkout-b pid 2");

        assertThat(first).isBetween(1, 15);
        assertThat(second).isBetween(1, 15).isNotEqualTo(first);
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379/0");
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            assertThat(redis.sync().get(RedisTestDatabase.CLAIM_KEY + first)).isEqualTo("checkout-a pid 1");
            assertThat(redis.sync().get(RedisTestDatabase.CLAIM_KEY + second)).isEqualTo("checkout-b pid 2");
            // a lease, not a lock for ever: a JVM that dies without releasing frees it within minutes
            assertThat(redis.sync().pttl(RedisTestDatabase.CLAIM_KEY + first)).isPositive();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aNamedDatabaseIsMarkedSoClaimersKeepOffItAndIsUsedEvenWhenSomeoneHoldsIt() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379/0");
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            int free = 15;
            while (redis.sync().get(RedisTestDatabase.CLAIM_KEY + free) != null) {
                free--;
            }

            assertThat(RedisTestDatabase.claimNamed("127.0.0.1", "override pid 4", free)).isEqualTo(free);
            assertThat(redis.sync().get(RedisTestDatabase.CLAIM_KEY + free)).isEqualTo("override pid 4");
            assertThat(RedisTestDatabase.claimNamed("127.0.0.1", "another override pid 5", free)).isEqualTo(free);
            assertThat(RedisTestDatabase.claim("127.0.0.1", "checkout-c pid 6")).isNotEqualTo(free);
        } finally {
            client.shutdown();
        }
    }
}
