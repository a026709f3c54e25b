package io.rollcall.identity.cameras;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Camera API keys: 32 random bytes (256 bits), shown once, stored as their SHA-256. A slow password hash
 * (Argon2) defends low-entropy secrets against guessing; a 256-bit random key cannot be guessed, and a fast
 * hash lets every frame request look its camera up by an index instead of verifying against every row.
 */
public final class CameraKeys {

    /** Recognizable in logs and secret scanners. */
    static final String PREFIX = "rcc_";
    private static final SecureRandom random = new SecureRandom();

    private CameraKeys() {
    }

    public static String newKey() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
