package io.rollcall.functions.identity;

import java.util.Map;

import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.OrganizationService;
import io.rollcall.identity.Role;
import io.rollcall.identity.UserService;

/** What every signed-in user may do for themselves: GET /me, POST /me/password (signing in is SessionRoutes). */
final class AuthRoutes {

    record PasswordChange(String currentPassword, String newPassword) {
    }

    private AuthRoutes() {
    }

    static void register(HttpApi.Builder api, UserService users, OrganizationService organizations) {
        api.route("GET /me", Role.EVERYONE, (request, caller) -> {
            var me = users.get(caller.organizationId(), caller.userId());
            var org = organizations.get(caller.organizationId());
            return ApiResponse.ok(Map.of("user", me,
                    "organization", Map.of("id", org.id(), "code", org.code(), "name", org.name())));
        });
        api.route("POST /me/password", Role.EVERYONE, (request, caller) -> {
            PasswordChange body = request.body(PasswordChange.class);
            users.changeOwnPassword(request.actor(caller), body.currentPassword(), body.newPassword());
            return ApiResponse.noContent();
        });
    }
}
