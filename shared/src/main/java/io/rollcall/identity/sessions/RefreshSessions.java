package io.rollcall.identity.sessions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The console's sign-in that lasts a working day: a refresh token (a random secret the browser keeps in an
 * HttpOnly cookie; only its SHA-256 is stored) that is exchanged for a new access token and a new refresh token
 * on every use. A token that was already rotated and comes back was copied: the whole family (every token since
 * that sign-in) is revoked, so the thief and the victim both have to sign in again.
 */
@Service
public class RefreshSessions {

    private static final Logger log = LoggerFactory.getLogger(RefreshSessions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A refresh token to set as the cookie, and the access token that goes with it. */
    public record Issued(String refreshToken, Duration refreshLifetime, String accessToken, long expiresIn) {
    }

    /** Why a refresh was refused (all answer the same 401; the reason is audited and logged). */
    public enum Refusal { UNKNOWN, EXPIRED, REVOKED, REUSED, USER_UNUSABLE }

    public static final class RefusedException extends RuntimeException {
        private final Refusal reason;

        RefusedException(Refusal reason) {
            super("the session has ended: sign in again");
            this.reason = reason;
        }

        public Refusal reason() {
            return reason;
        }
    }

    private record Row(UUID id, UUID organizationId, UUID userId, UUID familyId, Instant familyExpiresAt,
                       Instant rotatedAt, Instant revokedAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AccessTokens tokens;
    private final AccessCutoffs cutoffs;
    private final AuditTrail audit;
    private final Duration lifetime;

    public RefreshSessions(JdbcClient jdbc, TransactionTemplate tx, AccessTokens tokens, AccessCutoffs cutoffs,
                           AuditTrail audit, @Value("${rollcall.refresh.lifetime-seconds:43200}") long lifetimeSeconds) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.tokens = tokens;
        this.cutoffs = cutoffs;
        this.audit = audit;
        this.lifetime = Duration.ofSeconds(lifetimeSeconds);
    }

    /** A new family for a user who just signed in with their password. */
    public Issued start(Caller caller, String accessToken, String userAgent) {
        jdbc.sql("DELETE FROM refresh_tokens WHERE user_id = :user AND family_expires_at < now() - interval '1 day'")
                .param("user", caller.userId()).update();
        Instant familyExpiresAt = Instant.now().plus(lifetime);
        String refresh = insert(caller.organizationId(), caller.userId(), UUID.randomUUID(), familyExpiresAt, userAgent);
        return new Issued(refresh, lifetime, accessToken, tokens.lifetime().toSeconds());
    }

    /**
     * Exchanges a refresh token for a new one of the same family and a fresh access token with the user's current
     * role. Refuses an unknown, expired or revoked token, a user who can no longer sign in, and a token used before.
     */
    public Issued rotate(String refreshToken, String ipAddress, String userAgent) {
        Row row = tx.execute(s -> find(refreshToken).orElse(null));
        if (row == null) {
            throw new RefusedException(Refusal.UNKNOWN);
        }
        Refusal refusal = tx.execute(s -> {
            Row current = lock(row.id());
            if (current.revokedAt() != null) {
                return Refusal.REVOKED;
            }
            if (current.rotatedAt() != null) {
                revokeFamily(current.familyId());
                return Refusal.REUSED;
            }
            if (current.familyExpiresAt().isBefore(Instant.now())) {
                return Refusal.EXPIRED;
            }
            jdbc.sql("UPDATE refresh_tokens SET rotated_at = now() WHERE id = :id").param("id", current.id()).update();
            return null;
        });
        if (refusal != null) {
            if (refusal == Refusal.REUSED) {
                log.warn("a rotated refresh token of user {} was presented again: its family is revoked", row.userId());
                audit.record(new Actor(row.organizationId(), row.userId(), ipAddress, userAgent),
                        AuditAction.SESSION_REFRESH_REUSED, row.userId());
            }
            throw new RefusedException(refusal);
        }
        Optional<Role> role = usableRole(row.organizationId(), row.userId());
        if (role.isEmpty()) {
            revokeAll(row.userId());
            throw new RefusedException(Refusal.USER_UNUSABLE);
        }
        String next = insert(row.organizationId(), row.userId(), row.familyId(), row.familyExpiresAt(), userAgent);
        String access = tokens.issue(new Caller(row.userId(), row.organizationId(), role.get()));
        return new Issued(next, Duration.between(Instant.now(), row.familyExpiresAt()), access, tokens.lifetime().toSeconds());
    }

    /** Sign out of this browser: the token's family ends. An unknown token is not an error (already gone). */
    public void end(String refreshToken) {
        find(refreshToken).ifPresent(row -> revokeFamily(row.familyId()));
    }

    /** Sign out everywhere: every refresh token of the user is revoked and every access token cut off. */
    public void endAll(UUID organizationId, UUID userId) {
        revokeAll(userId);
        cutoffs.cutOff(organizationId, userId);
    }

    /** A person signs themselves out everywhere (a lost laptop): as {@link #endAll}, audited. */
    public void endAllOf(Actor actor) {
        endAll(actor.organizationId(), actor.userId());
        audit.record(actor, AuditAction.SESSIONS_ENDED, actor.userId());
    }

    void revokeAll(UUID userId) {
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = :user AND revoked_at IS NULL")
                .param("user", userId).update();
    }

    private void revokeFamily(UUID familyId) {
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = :family AND revoked_at IS NULL")
                .param("family", familyId).update();
    }

    private String insert(UUID organizationId, UUID userId, UUID familyId, Instant familyExpiresAt, String userAgent) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("""
                INSERT INTO refresh_tokens (organization_id, user_id, family_id, token_hash, family_expires_at, user_agent)
                VALUES (:org, :user, :family, :hash, :expires, :agent)
                """).param("org", organizationId).param("user", userId).param("family", familyId)
                .param("hash", hash(token)).param("expires", Timestamp.from(familyExpiresAt))
                .param("agent", userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 500)))
                .update();
        return token;
    }

    private Optional<Row> find(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " WHERE token_hash = :hash").param("hash", hash(token)).query(this::row).optional();
    }

    private Row lock(UUID id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(this::row).single();
    }

    private static final String SELECT = """
            SELECT id, organization_id, user_id, family_id, family_expires_at, rotated_at, revoked_at FROM refresh_tokens""";

    private Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getObject("user_id", UUID.class), rs.getObject("family_id", UUID.class),
                rs.getTimestamp("family_expires_at").toInstant(), instant(rs.getTimestamp("rotated_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    /** The user's role if they may still sign in: active, not deleted, in an active organization. */
    private Optional<Role> usableRole(UUID organizationId, UUID userId) {
        return jdbc.sql("""
                SELECT u.role_id FROM users u JOIN organizations o ON o.id = u.organization_id
                WHERE u.id = :user AND u.organization_id = :org AND u.is_active AND NOT u.is_deleted AND o.is_active
                """).param("user", userId).param("org", organizationId).query(Integer.class).optional().map(Role::ofId);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
