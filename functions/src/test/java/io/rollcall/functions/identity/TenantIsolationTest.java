package io.rollcall.functions.identity;

import static io.rollcall.functions.identity.Http.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import io.rollcall.functions.FunctionTest;
import io.rollcall.identity.IdentityBootstrap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every identity route that takes an id, called by organization A's ADMIN with an id of organization B:
 * a 404 exactly like a missing id, and B's rows unchanged. Lists never show B's rows.
 */
class TenantIsolationTest extends FunctionTest {

    /** A body each id route would accept, so a 404 can only come from the id. */
    static final Map<String, String> VALID_BODIES = Map.ofEntries(
            Map.entry("GET /users/{id}", ""),
            Map.entry("PATCH /users/{id}", "{\"role\":\"USER\",\"email\":\"x@example.com\",\"active\":false}"),
            Map.entry("DELETE /users/{id}", ""),
            Map.entry("POST /users/{id}/password", "{\"password\":\"taken over!\"}"),
            Map.entry("POST /users/{id}/deactivate", ""),
            Map.entry("GET /users/{id}/profile", ""),
            Map.entry("PUT /users/{id}/profile", "{\"fullName\":\"Mallory\"}"),
            Map.entry("GET /cameras/{id}", ""),
            Map.entry("PATCH /cameras/{id}", "{\"name\":\"hijacked\",\"active\":false}"),
            Map.entry("DELETE /cameras/{id}", ""),
            Map.entry("POST /cameras/{id}/key", ""),
            Map.entry("DELETE /cameras/{id}/key", ""));

    @Autowired IdentityApiFunction api;
    @Autowired IdentityBootstrap platform;

    @Test
    void anotherOrganizationsIdsAnswer404LikeMissingOnesAndChangeNothing() {
        Tenant a = Tenant.create(platform, api);
        Tenant b = Tenant.create(platform, api);
        String s = b.id().toString().substring(0, 8);
        UUID bUser = b.createUser(api, "victim-" + s, "USER");
        JsonNode bCamera = call(api, "POST /cameras", "/cameras", b.adminToken(), "{\"name\":\"B gate\"}").json();
        UUID bCameraId = UUID.fromString(bCamera.get("camera").get("id").asString());
        a.createUser(api, "op-" + a.id().toString().substring(0, 8), "OPERATOR");
        String aOperator = Tenant.login(api, "op-" + a.id().toString().substring(0, 8), Tenant.PASSWORD);

        Map<String, String> leaks = new LinkedHashMap<>();
        TreeSet<String> idRoutes = new TreeSet<>();
        for (String route : api.api().routeKeys()) {
            if (!route.contains("{id}")) {
                continue;
            }
            idRoutes.add(route);
            assertThat(VALID_BODIES).as("a valid body for " + route).containsKey(route);
            UUID foreign = route.contains("/cameras/") ? bCameraId : bUser;
            String path = route.substring(route.indexOf(' ') + 1).replace("{id}", foreign.toString());
            String body = VALID_BODIES.get(route).isEmpty() ? null : VALID_BODIES.get(route);
            for (String token : api.api().rolesFor(route).orElseThrow().contains(io.rollcall.identity.Role.OPERATOR)
                    ? new String[] {a.adminToken(), aOperator} : new String[] {a.adminToken()}) {
                Http.Response foreignAnswer = call(api, route, path, token, body);
                Http.Response missingAnswer = call(api, route, path.replace(foreign.toString(), UUID.randomUUID().toString()), token, body);
                if (foreignAnswer.status() != 404 || !foreignAnswer.body().equals(missingAnswer.body())) {
                    leaks.put(route, foreignAnswer.status() + " " + foreignAnswer.body());
                }
            }
        }
        assertThat(idRoutes).hasSize(VALID_BODIES.size());
        assertThat(leaks).isEmpty();

        // B is untouched: its user still logs in with the old password and its camera key still works
        JsonNode victim = call(api, "GET /users/{id}", "/users/" + bUser, b.adminToken(), null).json();
        assertThat(victim.get("active").asBoolean()).isTrue();
        assertThat(victim.get("role").asString()).isEqualTo("USER");
        assertThat(victim.get("profile").get("fullName").asString()).isEqualTo("Name of victim-" + s);
        Tenant.login(api, "victim-" + s, Tenant.PASSWORD);
        assertThat(Http.call(api, "POST /camera/upload-url", "/camera/upload-url",
                Map.of("x-camera-key", bCamera.get("apiKey").asString()), null, false).status()).isEqualTo(200);
        assertThat(call(api, "GET /cameras/{id}", "/cameras/" + bCameraId, b.adminToken(), null).json().get("name").asString())
                .isEqualTo("B gate");

        // lists and the own-organization routes only ever show A
        assertThat(call(api, "GET /users", "/users?size=100", a.adminToken(), null).body()).doesNotContain(bUser.toString(), b.id().toString());
        assertThat(call(api, "GET /profiles", "/profiles?search=victim", aOperator, null).json().get("total").asInt()).isZero();
        assertThat(call(api, "GET /cameras", "/cameras", a.adminToken(), null).body()).doesNotContain(bCameraId.toString());
        assertThat(call(api, "GET /organization", "/organization", a.adminToken(), null).json().get("id").asString()).isEqualTo(a.id().toString());
    }

    @Test
    void anOrganizationCodeInTheBodyCannotDeactivateAnotherOrganization() {
        Tenant a = Tenant.create(platform, api);
        Tenant b = Tenant.create(platform, api);

        Http.Response response = call(api, "POST /organization/deactivate", "/organization/deactivate", a.adminToken(),
                "{\"code\":\"" + b.organization().code() + "\"}");

        assertThat(response.status()).isEqualTo(400);
        Tenant.login(api, b.adminUsername(), Tenant.PASSWORD);
        Tenant.login(api, a.adminUsername(), Tenant.PASSWORD);
    }
}
