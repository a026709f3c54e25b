package io.rollcall.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.rollcall.config.ConfigKeys;
import io.rollcall.identity.Fields;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EmailAddressTest {

    static final List<String> GOOD = List.of("ada@example.com", "o'brien+shift@mail.example.co.uk", "x_1@a-b.io");
    static final List<String> BAD = List.of("a@b.c", "ada@localhost", "ada@@example.com", "ada example@x.com", "@example.com",
            "ada@-example.com", "ada@example.", "a".repeat(250) + "@x.com");

    @Test
    void oneRuleForAnAddress() {
        assertThat(GOOD).allMatch(EmailAddress::isValid);
        assertThat(BAD).noneMatch(EmailAddress::isValid);
        assertThat(EmailAddress.isValid(null)).isFalse();
    }

    @Test
    void aUsersEmailAndANotificationRecipientAreJudgedTheSame() {
        JsonMapper json = JsonMapper.builder().build();
        for (String address : BAD) {
            assertThatThrownBy(() -> new Fields().email("email", address).throwIfInvalid()).as(address)
                    .isInstanceOf(DomainException.class);
            assertThat(ConfigKeys.NOTIFICATION_ROUTES.problem(json.readTree(
                    "{\"*\":{\"channels\":[\"EMAIL\"],\"emails\":[" + json.writeValueAsString(address) + "]}}")))
                    .as(address).contains("invalid email address");
        }
        for (String address : GOOD) {
            new Fields().email("email", address).throwIfInvalid();
            assertThat(ConfigKeys.NOTIFICATION_ROUTES.problem(json.readTree(
                    "{\"*\":{\"channels\":[\"EMAIL\"],\"emails\":[" + json.writeValueAsString(address) + "]}}"))).as(address).isNull();
        }
    }
}
