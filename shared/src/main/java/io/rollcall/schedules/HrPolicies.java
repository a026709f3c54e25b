package io.rollcall.schedules;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** An organization's {@link HrPolicy}, read from its hr.* configuration keys. */
@Service
public class HrPolicies {

    private final ConfigStore config;

    public HrPolicies(ConfigStore config) {
        this.config = config;
    }

    public HrPolicy forOrganization(UUID organizationId) {
        JsonNode overtime = config.organization(organizationId, ConfigKeys.HR_OVERTIME);
        List<HrPolicy.OvertimeTier> daily = new ArrayList<>();
        JsonNode dailyNode = overtime.get("daily");
        if (dailyNode != null && dailyNode.isArray()) {
            for (JsonNode tier : dailyNode.values()) {
                daily.add(tier(tier));
            }
        }
        JsonNode weekly = overtime.get("weekly");
        return new HrPolicy(config.organization(organizationId, ConfigKeys.HR_GRACE_MINUTES),
                config.organization(organizationId, ConfigKeys.HR_ABSENT_BELOW_MINUTES),
                config.organization(organizationId, ConfigKeys.HR_HALF_DAY_BELOW_MINUTES),
                config.organization(organizationId, ConfigKeys.HR_MISSING_OUT_AFTER_HOURS),
                HrPolicy.WorkedMinutes.valueOf(config.organization(organizationId, ConfigKeys.HR_WORKED_MINUTES)),
                daily, weekly == null || weekly.isNull() ? null : tier(weekly));
    }

    private static HrPolicy.OvertimeTier tier(JsonNode tier) {
        return new HrPolicy.OvertimeTier(tier.get("afterMinutes").asInt(), tier.get("multiplier").decimalValue());
    }
}
