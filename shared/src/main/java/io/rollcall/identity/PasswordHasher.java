package io.rollcall.identity;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashes (Spring Security's encoder over Bouncy Castle). The parameters travel inside each
 * hash, so raising them later still verifies old hashes, and {@link #needsRehash} tells login to upgrade them.
 * Defaults are OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane): docs/identity.md has the measurements.
 */
@Component
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2PasswordEncoder encoder;
    /** Verified against when the username is unknown, so that answer takes as long as a wrong password. */
    private final String decoy;

    public PasswordHasher(@Value("${rollcall.argon2.memory-kib}") int memoryKib,
                          @Value("${rollcall.argon2.iterations}") int iterations) {
        this.encoder = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, 1, memoryKib, iterations);
        this.decoy = encoder.encode("decoy password, never matches a login");
    }

    /**
     * The hash of a person who has no password yet (imported in bulk): no password matches it. An ADMIN's password
     * reset gives them one.
     */
    public static final String NO_PASSWORD = "!no-password";

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        if (NO_PASSWORD.equals(hash)) {
            verifyDecoy(password);   // as long as a wrong password, so the answer does not tell
            return false;
        }
        return encoder.matches(password, hash);
    }

    /** Burns the time of one verification; used when there is no user to verify against. */
    public void verifyDecoy(String password) {
        encoder.matches(password, decoy);
    }

    public boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }
}
