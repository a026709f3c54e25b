package io.rollcall.functions.identity;

import java.util.UUID;

import io.rollcall.functions.http.ApiRequest;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.NewUser;
import io.rollcall.identity.Page;
import io.rollcall.identity.Profile;
import io.rollcall.identity.Role;
import io.rollcall.identity.User;
import io.rollcall.identity.UserChanges;
import io.rollcall.identity.UserService;

/** Users of the caller's organization (ADMIN) and their profiles (ADMIN, OPERATOR). */
final class UserRoutes {

    record PasswordReset(String password) {
    }

    /** A user as the profile routes show them: who they are, not how they sign in. */
    record ProfileView(UUID userId, String username, boolean active, String fullName, String employeeCode,
                       String department, int faissUserId) {
        static ProfileView of(User user) {
            return new ProfileView(user.id(), user.username(), user.active(), user.profile().fullName(),
                    user.profile().employeeCode(), user.profile().department(), user.faissUserId());
        }
    }

    private UserRoutes() {
    }

    static void register(HttpApi.Builder api, UserService users) {
        api.route("GET /users", Role.ADMINS, (request, caller) -> ApiResponse.ok(page(request, users, caller.organizationId())));
        api.route("POST /users", Role.ADMINS, (request, caller) ->
                ApiResponse.created(users.create(request.actor(caller), request.body(NewUser.class))));
        api.route("GET /users/{id}", Role.ADMINS, (request, caller) ->
                ApiResponse.ok(users.get(caller.organizationId(), request.pathId("id", "user"))));
        api.route("PATCH /users/{id}", Role.ADMINS, (request, caller) -> {
            UUID id = request.pathId("id", "user");
            return ApiResponse.ok(users.update(request.actor(caller), id, request.body(UserChanges.class)));
        });
        api.route("DELETE /users/{id}", Role.ADMINS, (request, caller) -> {
            users.delete(request.actor(caller), request.pathId("id", "user"));
            return ApiResponse.noContent();
        });
        api.route("POST /users/{id}/password", Role.ADMINS, (request, caller) -> {
            UUID id = request.pathId("id", "user");
            users.resetPassword(request.actor(caller), id, request.body(PasswordReset.class).password());
            return ApiResponse.noContent();
        });
        api.route("POST /users/{id}/deactivate", Role.ADMINS, (request, caller) -> {
            users.deactivate(request.actor(caller), request.pathId("id", "user"));
            return ApiResponse.noContent();
        });
        api.route("GET /profiles", Role.STAFF, (request, caller) -> {
            Page<User> page = page(request, users, caller.organizationId());
            return ApiResponse.ok(new Page<>(page.items().stream().map(ProfileView::of).toList(), page.page(), page.size(), page.total()));
        });
        api.route("GET /users/{id}/profile", Role.STAFF, (request, caller) ->
                ApiResponse.ok(ProfileView.of(users.get(caller.organizationId(), request.pathId("id", "user")))));
        api.route("PUT /users/{id}/profile", Role.STAFF, (request, caller) -> {
            UUID id = request.pathId("id", "user");
            return ApiResponse.ok(ProfileView.of(users.updateProfile(request.actor(caller), id, request.body(Profile.class))));
        });
    }

    private static Page<User> page(ApiRequest request, UserService users, UUID organizationId) {
        ApiRequest.PageRequest page = request.page(Page.DEFAULT_SIZE, Page.MAX_SIZE);
        return users.list(organizationId, request.queryText("search", 255).orElse(null), page.page(), page.size());
    }
}
