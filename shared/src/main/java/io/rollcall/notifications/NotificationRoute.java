package io.rollcall.notifications;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/** Where one event type goes, from the organization's notifications.routes key (exact type first, then "*"). */
public record NotificationRoute(Set<Channel> channels, List<String> emails, List<String> phones) {

    public static NotificationRoute forType(JsonNode routes, String eventType) {
        JsonNode route = routes == null ? null : routes.get(eventType);
        if (route == null && routes != null) {
            route = routes.get("*");
        }
        if (route == null) {
            return new NotificationRoute(Set.of(), List.of(), List.of());
        }
        Set<Channel> channels = new LinkedHashSet<>();
        strings(route.get("channels")).forEach(c -> channels.add(Channel.valueOf(c)));
        return new NotificationRoute(channels, strings(route.get("emails")), strings(route.get("phones")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.values().forEach(v -> values.add(v.asString()));
        }
        return values;
    }
}
