package io.rollcall.identity;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiPredicate;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.rollcall.identity.sessions.AccessCutoffs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Short-lived signed access tokens (JWT, HS256, Nimbus). JWT_SIGNING_KEYS holds "keyId:base64secret" entries,
 * newest first: tokens are signed with the first and verified with whichever key their "kid" names, so a key
 * can be rotated by putting a new one in front and dropping the old one once its tokens have expired.
 */
@Component
public class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
    private static final String ISSUER = "rollcall";
    private static final String ISSUED_AT_MS = "iat_ms";

    private final Map<String, byte[]> keys;
    private final String signingKeyId;
    private final Duration lifetime;
    /** Refuses tokens issued before their user's cutoff (io.rollcall.identity.sessions); none in unit tests. */
    private final BiPredicate<UUID, Instant> notCutOff;

    public AccessTokens(String signingKeys, long lifetimeSeconds) {
        this(signingKeys, lifetimeSeconds, (user, issuedAt) -> true);
    }

    @Autowired
    public AccessTokens(@Value("${rollcall.jwt.signing-keys}") String signingKeys,
                        @Value("${rollcall.jwt.lifetime-seconds}") long lifetimeSeconds, AccessCutoffs cutoffs) {
        this(signingKeys, lifetimeSeconds, cutoffs::accepts);
    }

    private AccessTokens(String signingKeys, long lifetimeSeconds, BiPredicate<UUID, Instant> notCutOff) {
        this.keys = parse(signingKeys);
        this.signingKeyId = keys.keySet().iterator().next();
        this.lifetime = Duration.ofSeconds(lifetimeSeconds);
        this.notCutOff = notCutOff;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String issue(Caller caller) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(caller.userId().toString())
                .claim("org", caller.organizationId().toString())
                .claim("role", caller.role().name())
                .issueTime(Date.from(now))
                .claim(ISSUED_AT_MS, now.toEpochMilli())   // iat is whole seconds; cutoffs need better
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKeyId).build(), claims);
        try {
            jwt.sign(new MACSigner(keys.get(signingKeyId)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return jwt.serialize();
    }

    /** The caller a valid, unexpired token names; empty for anything else (malformed, unknown key, bad signature, expired). */
    public Optional<Caller> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            byte[] key = keys.get(jwt.getHeader().getKeyID());
            if (key == null || !jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer()) || claims.getExpirationTime() == null
                    || claims.getExpirationTime().toInstant().isBefore(Instant.now())) {
                return Optional.empty();
            }
            UUID userId = UUID.fromString(claims.getSubject());
            Long issuedAtMs = claims.getLongClaim(ISSUED_AT_MS);
            if (issuedAtMs == null || !notCutOff.test(userId, Instant.ofEpochMilli(issuedAtMs))) {
                return Optional.empty();
            }
            return Optional.of(new Caller(userId,
                    UUID.fromString(claims.getStringClaim("org")), Role.valueOf(claims.getStringClaim("role"))));
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static Map<String, byte[]> parse(String signingKeys) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        if (signingKeys == null || signingKeys.isBlank()) {
            // Fine for one local process; every deployment must set JWT_SIGNING_KEYS (template.yaml does).
            log.warn("JWT_SIGNING_KEYS is not set: using a random key, tokens will not survive a restart");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            keys.put("ephemeral", random);
            return keys;
        }
        for (String entry : signingKeys.split(",")) {
            String[] parts = entry.trim().split(":", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("JWT_SIGNING_KEYS entries must be keyId:base64secret");
            }
            byte[] secret = Base64.getDecoder().decode(parts[1]);
            if (secret.length < 32) {
                throw new IllegalArgumentException("JWT signing key " + parts[0] + " is shorter than 256 bits");
            }
            keys.put(parts[0], secret);
        }
        return keys;
    }
}
