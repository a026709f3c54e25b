package io.rollcall.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NotificationRoutesKeyTest {

    static final JsonMapper json = JsonMapper.builder().build();

    static String phones(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"+1415555" + String.format("%04d", i) + "\"").collect(Collectors.joining(","));
    }

    @Test
    void aRouteHasAtMostTwentyRecipientsPerList() {
        String ok = "{\"*\":{\"channels\":[\"SMS\"],\"phones\":[" + phones(ConfigKeys.MAX_RECIPIENTS) + "]}}";
        String tooMany = "{\"*\":{\"channels\":[\"SMS\"],\"phones\":[" + phones(ConfigKeys.MAX_RECIPIENTS + 1) + "]}}";
        assertThat(ConfigKeys.NOTIFICATION_ROUTES.problem(json.readTree(ok))).isNull();
        assertThat(ConfigKeys.NOTIFICATION_ROUTES.problem(json.readTree(tooMany)))
                .isEqualTo("*.phones has 21 entries; at most 20");
    }
}
