package io.rollcall.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Argon2id with small parameters (the rule, not the cost, is under test: docs/identity.md has the cost). */
class PasswordHasherTest {

    final PasswordHasher hasher = new PasswordHasher(1024, 1);

    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String hash = hasher.hash("correct horse battery");

        assertThat(hash).startsWith("$argon2id$").doesNotContain("correct horse battery");
        assertThat(hasher.matches("correct horse battery", hash)).isTrue();
        assertThat(hasher.matches("correct horse batterY", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        String first = hasher.hash("correct horse battery");
        String second = hasher.hash("correct horse battery");

        assertThat(first).isNotEqualTo(second); // a salt each
        assertThat(hasher.matches("correct horse battery", second)).isTrue();
    }

    @Test
    void theParametersTravelInTheHashSoRaisingThemStillVerifiesOldHashesAndAsksToUpgradeThem() {
        String old = hasher.hash("correct horse battery");
        PasswordHasher stronger = new PasswordHasher(2048, 2);

        assertThat(old).contains("m=1024,t=1,p=1");
        assertThat(stronger.matches("correct horse battery", old)).isTrue();
        assertThat(stronger.needsRehash(old)).isTrue();
        assertThat(stronger.needsRehash(stronger.hash("correct horse battery"))).isFalse();
        assertThat(hasher.needsRehash(old)).isFalse();
    }
}
