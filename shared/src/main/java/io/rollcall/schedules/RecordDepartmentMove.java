package io.rollcall.schedules;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.identity.Profile;
import io.rollcall.identity.UserLifecycleListener;
import org.springframework.stereotype.Component;

/**
 * A profile's department changed: from today (in the organization's zone) the person's days follow the new
 * department's schedule and holidays, the days before keep the old one's. Runs in the profile change's transaction.
 */
@Component
public class RecordDepartmentMove implements UserLifecycleListener {

    private final DepartmentHistory history;
    private final OrganizationSettingsService settings;

    public RecordDepartmentMove(DepartmentHistory history, OrganizationSettingsService settings) {
        this.history = history;
        this.settings = settings;
    }

    @Override
    public void userProfileChanged(UUID organizationId, UUID userId, Profile before, Profile after) {
        if (!Objects.equals(before.department(), after.department())) {
            LocalDate today = LocalDate.now(settings.forOrganization(organizationId).timeZone());
            history.recordChange(organizationId, userId, before.department(), after.department(), today);
        }
    }

    @Override
    public void userDeactivated(UUID organizationId, UUID userId) {
    }

    @Override
    public void userDeleted(UUID organizationId, UUID userId) {
    }
}
