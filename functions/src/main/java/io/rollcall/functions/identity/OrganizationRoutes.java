package io.rollcall.functions.identity;

import static io.rollcall.functions.identity.Routes.actor;
import static io.rollcall.functions.identity.Routes.mapped;

import java.util.Set;

import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.OrganizationService;
import io.rollcall.identity.Role;

/** The caller's own organization (ADMIN); other organizations are a platform matter (infra/bin/platform). */
final class OrganizationRoutes {

    record Changes(String name, String legalName) {
    }

    record Confirmation(String code) {
    }

    private OrganizationRoutes() {
    }

    static void register(HttpApi.Builder api, OrganizationService organizations) {
        Set<Role> admin = Set.of(Role.ADMIN);
        api.route("GET /organization", admin, mapped((request, caller) ->
                ApiResponse.ok(organizations.get(caller.organizationId()))));
        api.route("PATCH /organization", admin, mapped((request, caller) -> {
            Changes body = request.body(Changes.class);
            return ApiResponse.ok(organizations.update(actor(request, caller), body.name(), body.legalName()));
        }));
        api.route("POST /organization/deactivate", admin, mapped((request, caller) -> {
            organizations.deactivate(actor(request, caller), request.body(Confirmation.class).code());
            return ApiResponse.noContent();
        }));
    }
}
