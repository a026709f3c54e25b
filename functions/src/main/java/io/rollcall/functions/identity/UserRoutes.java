package io.rollcall.functions.identity;

import static io.rollcall.functions.identity.Routes.actor;
import static io.rollcall.functions.identity.Routes.id;
import static io.rollcall.functions.identity.Routes.intQuery;
import static io.rollcall.functions.identity.Routes.mapped;

import java.util.Set;
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
        Set<Role> admin = Set.of(Role.ADMIN);
        Set<Role> floor = Set.of(Role.ADMIN, Role.OPERATOR);
        api.route("GET /users", admin, mapped((request, caller) -> ApiResponse.ok(page(request, users, caller.organizationId()))));
        api.route("POST /users", admin, mapped((request, caller) ->
                ApiResponse.created(users.create(actor(request, caller), request.body(NewUser.class)))));
        api.route("GET /users/{id}", admin, mapped((request, caller) ->
                ApiResponse.ok(users.get(caller.organizationId(), id(request, "user")))));
        api.route("PATCH /users/{id}", admin, mapped((request, caller) -> {
            UUID id = id(request, "user");
            return ApiResponse.ok(users.update(actor(request, caller), id, request.body(UserChanges.class)));
        }));
        api.route("DELETE /users/{id}", admin, mapped((request, caller) -> {
            users.delete(actor(request, caller), id(request, "user"));
            return ApiResponse.noContent();
        }));
        api.route("POST /users/{id}/password", admin, mapped((request, caller) -> {
            UUID id = id(request, "user");
            users.resetPassword(actor(request, caller), id, request.body(PasswordReset.class).password());
            return ApiResponse.noContent();
        }));
        api.route("POST /users/{id}/deactivate", admin, mapped((request, caller) -> {
            users.deactivate(actor(request, caller), id(request, "user"));
            return ApiResponse.noContent();
        }));
        api.route("GET /profiles", floor, mapped((request, caller) -> {
            Page<User> page = page(request, users, caller.organizationId());
            return ApiResponse.ok(new Page<>(page.items().stream().map(ProfileView::of).toList(), page.page(), page.size(), page.total()));
        }));
        api.route("GET /users/{id}/profile", floor, mapped((request, caller) ->
                ApiResponse.ok(ProfileView.of(users.get(caller.organizationId(), id(request, "user"))))));
        api.route("PUT /users/{id}/profile", floor, mapped((request, caller) -> {
            UUID id = id(request, "user");
            return ApiResponse.ok(ProfileView.of(users.updateProfile(actor(request, caller), id, request.body(Profile.class))));
        }));
    }

    private static Page<User> page(ApiRequest request, UserService users, UUID organizationId) {
        return users.list(organizationId, request.query("search").orElse(null),
                intQuery(request, "page", 0), intQuery(request, "size", Page.DEFAULT_SIZE));
    }
}
