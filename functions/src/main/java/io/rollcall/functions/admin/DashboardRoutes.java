package io.rollcall.functions.admin;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.Role;
import io.rollcall.notifications.MarkNotificationRead;
import io.rollcall.notifications.NotificationRepository;

/** The caller's own DASHBOARD notifications: listed newest first (?limit=&before=), and marked read. */
final class DashboardRoutes {

    private DashboardRoutes() {
    }

    static void register(HttpApi.Builder api, NotificationRepository notifications, MarkNotificationRead markRead) {
        api.route("GET /notifications", Role.STAFF, (request, caller) -> {
            boolean unreadOnly = request.queryBool("unread").orElse(false);
            int limit = request.limit();
            List<Map<String, Object>> page = notifications.dashboard(caller.organizationId(), caller.userId(), unreadOnly,
                    request.queryInstant("before").orElse(null), limit);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("notifications", page);
            body.put("nextBefore", page.size() == limit && page.get(page.size() - 1).get("createdAt") instanceof Timestamp last
                    ? last.toInstant() : null);
            return ApiResponse.ok(body);
        });

        api.route("POST /notifications/{id}/read", Role.STAFF, (request, caller) -> {
            if (!markRead.markRead(request.actor(caller), request.pathId("id", "notification"))) {
                throw ApiException.notFound("notification");
            }
            return ApiResponse.noContent();
        });
    }
}
