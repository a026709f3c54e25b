package io.rollcall.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.config.ConfigKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class HrConfigKeysTest {

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void overtimeTiersAndAlertsAreCheckedNamingWhatIsWrong() {
        assertThat(ConfigKeys.HR_OVERTIME.problem(ConfigKeys.HR_OVERTIME.defaultValue())).isNull();
        assertThat(ConfigKeys.HR_OVERTIME.problem(json.readTree("{\"daily\":[{\"afterMinutes\":480,\"multiplier\":0.5}]}")))
                .contains("multiplier from 1 to 10");
        assertThat(ConfigKeys.HR_OVERTIME.problem(json.readTree("{\"daily\":[{\"multiplier\":2}]}"))).contains("afterMinutes");
        assertThat(ConfigKeys.HR_OVERTIME.problem(json.readTree("{\"monthly\":{}}"))).contains("monthly is not an overtime field");
        assertThat(ConfigKeys.HR_OVERTIME.problem(json.readTree("{\"weekly\":null}"))).isNull();
        assertThat(ConfigKeys.HR_ALERTS.problem(json.readTree("[\"LATE_ARRIVAL\",\"ABSENT\"]"))).isNull();
        assertThat(ConfigKeys.HR_ALERTS.problem(json.readTree("[\"LUNCH\"]"))).contains("LATE_ARRIVAL, ABSENT, MISSING_OUT");
        assertThat(ConfigKeys.HR_ALERTS.problem(json.readTree("\"ABSENT\""))).isNotNull();
        assertThat(ConfigKeys.HR_WORKED_MINUTES.problem(json.readTree("\"SOMETIMES\""))).contains("FIRST_LAST or PAIRS");
        assertThat(ConfigKeys.HR_ALERTS.read(json.readTree("[\"ABSENT\"]"))).containsExactly("ABSENT");
    }

    @Test
    void theDefaultPolicyIsWhatTheKeysDefaultsSay() {
        assertThat(HrPolicy.DEFAULTS.graceMinutes()).isEqualTo(ConfigKeys.HR_GRACE_MINUTES.defaultValue());
        assertThat(HrPolicy.DEFAULTS.absentBelowMinutes()).isEqualTo(ConfigKeys.HR_ABSENT_BELOW_MINUTES.defaultValue());
        assertThat(HrPolicy.DEFAULTS.halfDayBelowMinutes()).isEqualTo(ConfigKeys.HR_HALF_DAY_BELOW_MINUTES.defaultValue());
        assertThat(HrPolicy.DEFAULTS.missingOutAfterHours()).isEqualTo(ConfigKeys.HR_MISSING_OUT_AFTER_HOURS.defaultValue());
        assertThat(HrPolicy.DEFAULTS.workedMinutes().name()).isEqualTo(ConfigKeys.HR_WORKED_MINUTES.defaultValue());
    }
}
