package io.rollcall.faces.privacy;

import java.util.Map;
import java.util.UUID;

import io.rollcall.domain.DomainException;

/** What consent and the rights of the people enrolled forbid, with a stable code for each. */
public class PrivacyException extends DomainException {

    private PrivacyException(Kind kind, String code, String message, Map<String, String> fields) {
        super(kind, code, message, fields);
    }

    /** The organization requires recorded consent and the person has none open. */
    public static PrivacyException consentRequired(UUID userId) {
        return new PrivacyException(Kind.CONFLICT, "consent_required", "user " + userId
                + " has no recorded consent to biometric enrollment, which this organization requires; record it first",
                Map.of("consent", "required before enrollment"));
    }

    public static PrivacyException noConsent(UUID userId) {
        return new PrivacyException(Kind.CONFLICT, "no_consent", "user " + userId + " has no consent to withdraw",
                Map.of("consent", "none recorded"));
    }

    public static PrivacyException consentExists(UUID userId) {
        return new PrivacyException(Kind.CONFLICT, "consent_exists", "user " + userId
                + " already has an open consent; withdraw it before recording another", Map.of("consent", "already recorded"));
    }

    public static PrivacyException requestPending() {
        return new PrivacyException(Kind.CONFLICT, "erasure_request_pending",
                "an erasure request of yours is already waiting for a decision", Map.of());
    }

    public static PrivacyException alreadyDecided(UUID requestId, String status) {
        return new PrivacyException(Kind.CONFLICT, "erasure_request_decided",
                "erasure request " + requestId + " is already " + status, Map.of("status", status));
    }

    public static PrivacyException notFound(String what) {
        return new PrivacyException(Kind.NOT_FOUND, null, what + " not found", Map.of());
    }

    public static PrivacyException invalid(String field, String problem) {
        return new PrivacyException(Kind.INVALID, null, "some fields are invalid", Map.of(field, problem));
    }
}
