package io.rollcall.identity.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Per-user "not before" for access tokens: a token issued before the user's cutoff is refused. Access tokens stay
 * stateless JWTs; the cutoff is looked up at most once per {@link #CACHE_FOR} per user and function instance, so a
 * cutoff set anywhere reaches every instance within that time (the issue asks for under 60 s).
 */
@Component
public class AccessCutoffs {

    /** How long a looked-up cutoff is trusted; a new cutoff takes at most this long to apply everywhere. */
    public static final Duration CACHE_FOR = Duration.ofSeconds(30);

    private record Cached(Optional<Instant> notBefore, Instant until) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    @Autowired
    public AccessCutoffs(JdbcClient jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    public AccessCutoffs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether a token of this user issued at {@code issuedAt} (milliseconds, AccessTokens' iat_ms) is still good. */
    public boolean accepts(UUID userId, Instant issuedAt) {
        Instant now = clock.instant();
        Cached cached = cache.get(userId);
        if (cached == null || cached.until().isBefore(now)) {
            cached = new Cached(load(userId), now.plus(CACHE_FOR));
            cache.put(userId, cached);
        }
        return cached.notBefore().map(cutoff -> issuedAt.isAfter(cutoff)).orElse(true);
    }

    /** Every access token of the user issued until now stops working (within {@link #CACHE_FOR}). */
    public void cutOff(UUID organizationId, UUID userId) {
        jdbc.sql("""
                INSERT INTO access_token_cutoffs (user_id, organization_id, not_before)
                SELECT id, organization_id, clock_timestamp() FROM users WHERE id = :user AND organization_id = :org
                ON CONFLICT (user_id) DO UPDATE SET not_before = clock_timestamp()
                """).param("user", userId).param("org", organizationId).update();
        cache.remove(userId);   // this instance knows at once
    }

    private Optional<Instant> load(UUID userId) {
        return jdbc.sql("SELECT not_before FROM access_token_cutoffs WHERE user_id = :user")
                .param("user", userId).query(java.sql.Timestamp.class).optional().map(java.sql.Timestamp::toInstant);
    }
}
