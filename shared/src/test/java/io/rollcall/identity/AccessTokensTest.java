package io.rollcall.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class AccessTokensTest {

    static final String OLD = "k1:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String NEW = "k2:" + Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
    static final Caller caller = new Caller(UUID.randomUUID(), UUID.randomUUID(), Role.OPERATOR);

    @Test
    void aTokenCarriesTheCaller() {
        AccessTokens tokens = new AccessTokens(OLD, 60);
        assertThat(tokens.verify(tokens.issue(caller))).contains(caller);
    }

    @Test
    void afterRotationOldTokensStillVerifyAndNewOnesUseTheNewKey() {
        String oldToken = new AccessTokens(OLD, 60).issue(caller);
        AccessTokens rotated = new AccessTokens(NEW + "," + OLD, 60);

        assertThat(rotated.verify(oldToken)).contains(caller);
        String newToken = rotated.issue(caller);
        assertThat(new AccessTokens(OLD, 60).verify(newToken)).as("the old key alone cannot verify k2 tokens").isEmpty();
        assertThat(new AccessTokens(NEW, 60).verify(oldToken)).as("once k1 is dropped its tokens stop verifying").isEmpty();
    }

    @Test
    void expiredTamperedAndGarbageTokensAreRefused() {
        AccessTokens tokens = new AccessTokens(OLD, -1);
        assertThat(tokens.verify(tokens.issue(caller))).as("expired").isEmpty();

        AccessTokens live = new AccessTokens(OLD, 60);
        String token = live.issue(caller);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertThat(live.verify(tampered)).isEmpty();
        assertThat(live.verify("garbage")).isEmpty();
        assertThat(live.verify("")).isEmpty();
    }

    @Test
    void shortKeysAreRejectedAtStart() {
        assertThatThrownBy(() -> new AccessTokens("k:" + Base64.getEncoder().encodeToString("short".getBytes()), 60))
                .hasMessageContaining("256 bits");
    }
}
