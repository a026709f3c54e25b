package io.rollcall.faces.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import io.rollcall.faces.enrollment.BiometricLifecycle;
import io.rollcall.faces.enrollment.FaceImages;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person's consent to biometric enrollment: recorded (who, when, which text version, by what means, entered
 * by whom) and withdrawn. Withdrawing erases the person's biometric data in the same transaction, so a consent
 * is never closed while a template it allowed survives. Both audited here.
 */
@Service
public class ConsentService {

    /** A paper form dated a little ahead of the server's clock is a clock, not a lie. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** What GET /users/{id}/consent answers. */
    public record ConsentView(boolean required, BiometricConsents.Consent current, List<BiometricConsents.Consent> history) {
    }

    /** What a withdrawal did. */
    public record Withdrawn(BiometricConsents.Consent consent, BiometricLifecycle.Erased erased) {
    }

    private final BiometricConsents consents;
    private final ConsentPolicy policy;
    private final FaceImages images;
    private final BiometricLifecycle lifecycle;
    private final AuditTrail audit;
    private final TransactionTemplate tx;

    public ConsentService(BiometricConsents consents, ConsentPolicy policy, FaceImages images, BiometricLifecycle lifecycle,
                          AuditTrail audit, PlatformTransactionManager transactions) {
        this.consents = consents;
        this.policy = policy;
        this.images = images;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
    }

    public ConsentView view(UUID organizationId, UUID userId) {
        requirePerson(organizationId, userId);
        return viewOf(organizationId, userId);
    }

    ConsentView viewOf(UUID organizationId, UUID userId) {
        List<BiometricConsents.Consent> history = consents.history(organizationId, userId);
        BiometricConsents.Consent current = history.isEmpty() || history.get(0).withdrawnAt() != null ? null : history.get(0);
        return new ConsentView(policy.required(organizationId), current, history);
    }

    /** Records the person's consent; {@code consentedAt} null means now. */
    public BiometricConsents.Consent record(Actor actor, UUID userId, String textVersion, ConsentMethod method, Instant consentedAt) {
        UUID organizationId = actor.organizationId();
        if (textVersion == null || textVersion.isBlank() || textVersion.length() > 50) {
            throw PrivacyException.invalid("textVersion", "is required, at most 50 characters");
        }
        if (method == null) {
            throw PrivacyException.invalid("method", "is required: PAPER, KIOSK or CONSOLE");
        }
        Instant now = Instant.now();
        Instant at = consentedAt == null ? now : consentedAt;
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            throw PrivacyException.invalid("consentedAt", "is in the future");
        }
        return tx.execute(status -> {
            requirePerson(organizationId, userId);
            UUID id = UUID.randomUUID();
            if (!consents.insert(organizationId, id, userId, textVersion.trim(), method, at, actor.userId())) {
                throw PrivacyException.consentExists(userId);
            }
            audit.record(actor, AuditAction.CONSENT_RECORDED, userId);
            return consents.open(organizationId, userId).orElseThrow();
        });
    }

    /** Withdraws the person's open consent and erases their biometric data with it. */
    public Withdrawn withdraw(Actor actor, UUID userId, String reason) {
        UUID organizationId = actor.organizationId();
        if (reason != null && reason.length() > 500) {
            throw PrivacyException.invalid("reason", "at most 500 characters");
        }
        return tx.execute(status -> {
            requirePerson(organizationId, userId);
            BiometricConsents.Consent closed = consents.withdraw(organizationId, userId, Instant.now(), actor.userId(), reason)
                    .orElseThrow(() -> PrivacyException.noConsent(userId));
            BiometricLifecycle.Erased erased = lifecycle.erase(organizationId, List.of(userId));
            audit.record(actor, AuditAction.CONSENT_WITHDRAWN, userId);
            audit.record(actor, AuditAction.BIOMETRICS_ERASED, userId);
            return new Withdrawn(closed, erased);
        });
    }

    private void requirePerson(UUID organizationId, UUID userId) {
        images.person(organizationId, userId).orElseThrow(() -> PrivacyException.notFound("user " + userId));
    }
}
