package io.rollcall.faces.privacy;

import java.util.UUID;

import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import org.springframework.stereotype.Component;

/**
 * Whether a person may be enrolled as far as consent goes: an open consent always allows it; a withdrawn one
 * (the latest record) never does, whatever the setting, since the person said no; no record at all is refused
 * only where the organization requires consent ({@code privacy.consent_required}).
 */
@Component
public class ConsentPolicy {

    private final ConfigStore config;
    private final BiometricConsents consents;

    public ConsentPolicy(ConfigStore config, BiometricConsents consents) {
        this.config = config;
        this.consents = consents;
    }

    public boolean required(UUID organizationId) {
        return config.organization(organizationId, ConfigKeys.CONSENT_REQUIRED);
    }

    /** Throws {@code consent_required} (409) when the person may not be enrolled. */
    public void requireFor(UUID organizationId, UUID userId) {
        var history = consents.history(organizationId, userId);
        if (!history.isEmpty()) {
            if (history.get(0).withdrawnAt() == null) {
                return;
            }
            throw PrivacyException.consentRequired(userId);
        }
        if (required(organizationId)) {
            throw PrivacyException.consentRequired(userId);
        }
    }
}
