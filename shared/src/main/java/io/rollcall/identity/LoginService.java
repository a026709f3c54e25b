package io.rollcall.identity;

import java.util.Optional;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import org.springframework.stereotype.Service;

/**
 * POST /auth/login. Every failure (unknown user, wrong password, inactive or deleted user, inactive organization)
 * is the same {@link IdentityException#unauthenticated()}, and an unknown user costs one Argon2 verification
 * like a known one, so neither the answer nor its time tells which usernames exist.
 */
@Service
public class LoginService {

    /** An access token and its lifetime in seconds. */
    public record Token(String accessToken, long expiresIn) {
    }

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AccessTokens tokens;
    private final AuditTrail audit;

    public LoginService(UserRepository users, PasswordHasher hasher, LoginThrottle throttle, AccessTokens tokens,
                        AuditTrail audit) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.tokens = tokens;
        this.audit = audit;
    }

    public Token login(String username, String password, String ipAddress, String userAgent) {
        String name = Fields.normalizeUsername(username);
        if (name == null || name.isEmpty() || name.length() > 100 || password == null || password.length() > Fields.PASSWORD_MAX) {
            throw IdentityException.unauthenticated();   // cannot exist, so nothing to count
        }
        if (!throttle.tryAttempt(name)) { // counted now, so parallel guesses cannot slip past the limit
            throw IdentityException.locked();
        }
        Optional<UserRepository.Credentials> found = users.credentials(name);
        boolean matches = found.isPresent() ? hasher.matches(password, found.get().passwordHash()) : decoy(password);
        if (!matches || !found.get().usable()) {
            audit.record(new Actor(found.map(UserRepository.Credentials::organizationId).orElse(null),
                    found.map(UserRepository.Credentials::userId).orElse(null), ipAddress, userAgent),
                    AuditAction.LOGIN_FAILED, name);
            throw IdentityException.unauthenticated();
        }
        UserRepository.Credentials user = found.get();
        throttle.clear(name);
        if (hasher.needsRehash(user.passwordHash())) {
            // the configured cost went up since this hash was made: store the stronger one now we know the password
            users.setPassword(user.organizationId(), user.userId(), hasher.hash(password));
        }
        audit.record(new Actor(user.organizationId(), user.userId(), ipAddress, userAgent),
                AuditAction.LOGIN_SUCCEEDED, user.userId());
        return new Token(tokens.issue(new Caller(user.userId(), user.organizationId(), user.role())),
                tokens.lifetime().toSeconds());
    }

    private boolean decoy(String password) {
        hasher.verifyDecoy(password);
        return false;
    }
}
