package io.rollcall.functions.admin;

import java.util.Set;

import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.Role;
import io.rollcall.notifications.NotificationRepository;

/** The caller's own DASHBOARD notifications: listed, and marked read. */
final class DashboardRoutes {

    private static final Set<Role> READERS = Set.of(Role.ADMIN, Role.OPERATOR);

    private DashboardRoutes() {
    }

    static void register(HttpApi.Builder api, NotificationRepository notifications) {
        api.route("GET /notifications", READERS, (request, caller) -> {
            boolean unreadOnly = Boolean.TRUE.equals(Params.bool(request, "unread"));
            return ApiResponse.ok(java.util.Map.of("notifications", notifications.dashboard(caller.organizationId(),
                    caller.userId(), unreadOnly, Params.instant(request, "before"), Params.limit(request))));
        });

        api.route("POST /notifications/{id}/read", READERS, (request, caller) -> {
            if (!notifications.markRead(caller.organizationId(), caller.userId(), Params.pathUuid(request, "id", "notification"))) {
                throw ApiException.notFound("notification");
            }
            return ApiResponse.noContent();
        });
    }
}
