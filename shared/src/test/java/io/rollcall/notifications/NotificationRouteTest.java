package io.rollcall.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** notifications.routes: the event's own type first, then "*", else nowhere. */
class NotificationRouteTest {

    static final JsonMapper json = JsonMapper.builder().build();
    static final JsonNode ROUTES = json.readTree("""
            {"UNKNOWN_FACE": {"channels": ["EMAIL", "SMS", "DASHBOARD"], "emails": ["guard@example.com"], "phones": ["+14155550100"]},
             "*": {"channels": ["DASHBOARD"]}}""");

    @Test
    void anEventTypeWithARouteOfItsOwnGoesWhereThatRouteSays() {
        NotificationRoute route = NotificationRoute.forType(ROUTES, "UNKNOWN_FACE");

        assertThat(route.channels()).containsExactly(Channel.EMAIL, Channel.SMS, Channel.DASHBOARD);
        assertThat(route.emails()).containsExactly("guard@example.com");
        assertThat(route.phones()).containsExactly("+14155550100");
    }

    @Test
    void anyOtherTypeFallsBackToTheWildcardRoute() {
        NotificationRoute route = NotificationRoute.forType(ROUTES, "SERVICE_DOWN");

        assertThat(route).isEqualTo(new NotificationRoute(Set.of(Channel.DASHBOARD), List.of(), List.of()));
    }

    @Test
    void withoutAMatchingRouteOrAnyRoutesAnEventGoesNowhere() {
        NotificationRoute nowhere = new NotificationRoute(Set.of(), List.of(), List.of());
        assertThat(NotificationRoute.forType(json.readTree("{\"UNKNOWN_FACE\": {\"channels\": [\"SMS\"]}}"), "LOW_CONFIDENCE"))
                .isEqualTo(nowhere);
        assertThat(NotificationRoute.forType(json.readTree("{}"), "UNKNOWN_FACE")).isEqualTo(nowhere);
        assertThat(NotificationRoute.forType(null, "UNKNOWN_FACE")).isEqualTo(nowhere);
    }

    @Test
    void aChannelNamedTwiceIsSentOnce() {
        NotificationRoute route = NotificationRoute.forType(json.readTree("{\"*\": {\"channels\": [\"EMAIL\", \"EMAIL\"]}}"), "X");

        assertThat(route.channels()).containsExactly(Channel.EMAIL);
    }
}
