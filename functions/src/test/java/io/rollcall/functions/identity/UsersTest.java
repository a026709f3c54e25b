package io.rollcall.functions.identity;

import static io.rollcall.functions.identity.Http.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.rollcall.functions.RefusedAuditRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class UsersTest extends IdentityTest {

    @Autowired RecordingLifecycleListener listener;
    @Autowired JdbcTemplate jdbc;

    String s;

    @BeforeEach
    void suffix() {
        s = tenant.id().toString().substring(0, 8);
    }

    @Test
    void anAdminCreatesAUserWithAProfileAndAFaissIdFromTheSequence() {
        Http.Response created = call(api, "POST /users", "/users", tenant.adminToken(), """
                {"username":"Ada-%s","password":"%s","role":"USER","email":"ada@example.com",
                 "fullName":"Ada Lovelace","employeeCode":"E-1","department":"Analytics"}""".formatted(s, Tenant.PASSWORD));

        assertThat(created.status()).isEqualTo(201);
        JsonNode user = created.json();
        assertThat(user.get("username").asString()).isEqualTo("ada-" + s);
        assertThat(user.get("role").asString()).isEqualTo("USER");
        assertThat(user.get("profile").get("fullName").asString()).isEqualTo("Ada Lovelace");
        assertThat(user.get("organizationId").asString()).isEqualTo(tenant.id().toString());
        assertThat(created.body()).doesNotContain("password", "argon2");
        int faissId = user.get("faissUserId").asInt();
        assertThat(AuditQueue.find("USER_CREATED", user.get("id").asString()).get("userAgent").asString()).isEqualTo(Http.AGENT);

        UUID second = tenant.createUser(api, "bob-" + s, "USER");
        call(api, "DELETE /users/{id}", "/users/" + second, tenant.adminToken(), null);
        UUID third = tenant.createUser(api, "cy-" + s, "USER");
        int thirdFaissId = call(api, "GET /users/{id}", "/users/" + third, tenant.adminToken(), null).json().get("faissUserId").asInt();
        assertThat(thirdFaissId).as("never reused, even after a delete").isGreaterThan(faissId + 1);
    }

    @Test
    void badFieldsAre400WithEveryProblemNamed() {
        Http.Response response = call(api, "POST /users", "/users", tenant.adminToken(), """
                {"username":"a b","password":"short","role":"ROOT","email":"not-an-email","fullName":"%s"}"""
                .formatted("x".repeat(256)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("validation_failed");
        assertThat(response.json().get("fields").propertyNames())
                .containsExactlyInAnyOrder("username", "password", "role", "email", "fullName");
        assertThat(call(api, "POST /users", "/users", tenant.adminToken(), "{\"username\":").status()).isEqualTo(400);
        assertThat(call(api, "POST /users", "/users", tenant.adminToken(), "{\"username\":[1]}").status()).isEqualTo(400);
        assertThat(call(api, "GET /users", "/users?page=x", tenant.adminToken(), null).status()).isEqualTo(400);
        assertThat(call(api, "GET /users", "/users?size=1000", tenant.adminToken(), null).status()).isEqualTo(400);
        assertThat(call(api, "GET /users/{id}", "/users/not-a-uuid", tenant.adminToken(), null).status()).isEqualTo(404);
    }

    @Test
    void aTakenUsernameIsAConflictEvenInAnotherCase() {
        tenant.createUser(api, "dup-" + s, "USER");

        Http.Response again = call(api, "POST /users", "/users", tenant.adminToken(),
                "{\"username\":\"DUP-%s\",\"password\":\"%s\",\"role\":\"USER\"}".formatted(s, Tenant.PASSWORD));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("conflict");
    }

    @Test
    void listsPageAndSearchAndLeaveDeletedUsersOut() {
        for (int i = 0; i < 5; i++) {
            tenant.createUser(api, "list" + i + "-" + s, "USER");
        }
        UUID gone = tenant.createUser(api, "list9-" + s, "USER");
        call(api, "DELETE /users/{id}", "/users/" + gone, tenant.adminToken(), null);

        JsonNode page = call(api, "GET /users", "/users?page=1&size=2", tenant.adminToken(), null).json();
        assertThat(page.get("total").asInt()).as("admin + 5").isEqualTo(6);
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("username").asString()).isEqualTo("list1-" + s);

        JsonNode search = call(api, "GET /users", "/users?search=Name%20of%20list3".replace("%20", " "), tenant.adminToken(), null).json();
        assertThat(search.get("items")).extracting(u -> u.get("username").asString()).containsExactly("list3-" + s);
        assertThat(call(api, "GET /users", "/users?search=list9", tenant.adminToken(), null).json().get("total").asInt()).isZero();
        assertThat(call(api, "GET /users", "/users?search=%", tenant.adminToken(), null).json().get("total").asInt())
                .as("a % in the search is a character, not a wildcard").isZero();
    }

    @Test
    void anAdminUpdatesRoleEmailAndActiveAndDeactivatingTellsTheListeners() {
        UUID id = tenant.createUser(api, "eve-" + s, "USER");

        Http.Response updated = call(api, "PATCH /users/{id}", "/users/" + id, tenant.adminToken(),
                "{\"role\":\"OPERATOR\",\"email\":\"eve@example.com\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("role").asString()).isEqualTo("OPERATOR");
        assertThat(updated.json().get("email").asString()).isEqualTo("eve@example.com");
        assertThat(updated.json().get("active").asBoolean()).isTrue();

        assertThat(call(api, "PATCH /users/{id}", "/users/" + id, tenant.adminToken(), "{\"active\":false}").json().get("active").asBoolean()).isFalse();
        assertThat(listener.calls).contains("deactivated " + tenant.id() + " " + id);
        assertThat(login("eve-" + s, Tenant.PASSWORD).status()).isEqualTo(401);

        call(api, "PATCH /users/{id}", "/users/" + id, tenant.adminToken(), "{\"active\":true,\"email\":\"\"}");
        assertThat(login("eve-" + s, Tenant.PASSWORD).status()).isEqualTo(200);
        assertThat(call(api, "GET /users/{id}", "/users/" + id, tenant.adminToken(), null).json().get("email").isNull()).isTrue();
    }

    @Test
    void deletingIsSoftAndFinalAndErasesBiometrics() {
        UUID id = tenant.createUser(api, "gone-" + s, "USER");

        assertThat(call(api, "DELETE /users/{id}", "/users/" + id, tenant.adminToken(), null).status()).isEqualTo(204);

        assertThat(listener.calls).contains("deleted " + tenant.id() + " " + id);
        assertThat(call(api, "GET /users/{id}", "/users/" + id, tenant.adminToken(), null).status()).isEqualTo(404);
        assertThat(call(api, "DELETE /users/{id}", "/users/" + id, tenant.adminToken(), null).status()).isEqualTo(404);
        assertThat(login("gone-" + s, Tenant.PASSWORD).status()).isEqualTo(401);
        assertThat(AuditQueue.find("USER_DELETED", id.toString()).get("organizationId").asString()).isEqualTo(tenant.id().toString());
    }

    @Test
    void anAdminCannotLockThemselvesOut() {
        UUID self = UUID.fromString(call(api, "GET /me", "/me", tenant.adminToken(), null).json().get("user").get("id").asString());

        assertThat(call(api, "PATCH /users/{id}", "/users/" + self, tenant.adminToken(), "{\"role\":\"USER\"}").status()).isEqualTo(409);
        assertThat(call(api, "POST /users/{id}/deactivate", "/users/" + self + "/deactivate", tenant.adminToken(), null).status()).isEqualTo(409);
        assertThat(call(api, "DELETE /users/{id}", "/users/" + self, tenant.adminToken(), null).status()).isEqualTo(409);
    }

    @Test
    void passwordsAreResetByAnAdminAndChangedByTheirOwner() {
        UUID id = tenant.createUser(api, "pat-" + s, "USER");
        assertThat(call(api, "POST /users/{id}/password", "/users/" + id + "/password", tenant.adminToken(),
                "{\"password\":\"a brand new secret\"}").status()).isEqualTo(204);
        assertThat(login("pat-" + s, Tenant.PASSWORD).status()).isEqualTo(401);
        String token = Tenant.login(api, "pat-" + s, "a brand new secret");

        Http.Response wrong = call(api, "POST /me/password", "/me/password", token,
                "{\"currentPassword\":\"not it\",\"newPassword\":\"another new secret\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("fields").has("currentPassword")).isTrue();
        assertThat(call(api, "POST /me/password", "/me/password", token,
                "{\"currentPassword\":\"a brand new secret\",\"newPassword\":\"another new secret\"}").status()).isEqualTo(204);
        assertThat(login("pat-" + s, "another new secret").status()).isEqualTo(200);
        AuditQueue.find("USER_PASSWORD_CHANGED", id.toString());
    }

    @Test
    void operatorsEditProfilesAndUsersReadTheirOwn() {
        UUID operator = tenant.createUser(api, "op-" + s, "OPERATOR");
        UUID user = tenant.createUser(api, "usr-" + s, "USER");
        String operatorToken = Tenant.login(api, "op-" + s, Tenant.PASSWORD);
        String userToken = Tenant.login(api, "usr-" + s, Tenant.PASSWORD);

        Http.Response edited = call(api, "PUT /users/{id}/profile", "/users/" + user + "/profile", operatorToken,
                "{\"fullName\":\"Uma User\",\"employeeCode\":\"E-42\",\"department\":\"Floor\"}");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("employeeCode").asString()).isEqualTo("E-42");
        assertThat(call(api, "PUT /users/{id}/profile", "/users/" + user + "/profile", operatorToken,
                "{\"department\":\"%s\"}".formatted("d".repeat(101))).json().get("fields").has("department")).isTrue();
        assertThat(call(api, "GET /profiles", "/profiles?search=E-42", operatorToken, null).json().get("items"))
                .extracting(p -> p.get("userId").asString()).containsExactly(user.toString());

        JsonNode me = call(api, "GET /me", "/me", userToken, null).json();
        assertThat(me.get("user").get("profile").get("fullName").asString()).isEqualTo("Uma User");
        assertThat(me.get("organization").get("code").asString()).isEqualTo(tenant.organization().code());
        assertThat(call(api, "PUT /users/{id}/profile", "/users/" + user + "/profile", userToken, "{}").status()).isEqualTo(403);
        assertThat(call(api, "GET /users/{id}", "/users/" + user, operatorToken, null).status()).isEqualTo(403);
        assertThat(operator).isNotNull();
        AuditQueue.find("USER_PROFILE_UPDATED", user.toString());
    }

    @Test
    void anAdminReadsAndRenamesTheirOrganization() {
        Http.Response renamed = call(api, "PATCH /organization", "/organization", tenant.adminToken(),
                "{\"name\":\"Renamed\",\"legalName\":\"Renamed Ltd\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("legalName").asString()).isEqualTo("Renamed Ltd");
        assertThat(call(api, "GET /organization", "/organization", tenant.adminToken(), null).json().get("name").asString()).isEqualTo("Renamed");
        assertThat(call(api, "PATCH /organization", "/organization", tenant.adminToken(), "{\"name\":\" \"}").status()).isEqualTo(400);
        assertThat(call(api, "PATCH /organization", "/organization", tenant.adminToken(),
                "{\"name\":\"%s\"}".formatted("n".repeat(256))).status()).isEqualTo(400);
    }

    @Test
    void anOrganizationWhoseAuditRecordCannotBeWrittenKeepsItsName() {
        try (var refused = RefusedAuditRecords.of(jdbc, tenant.id())) {
            assertThat(call(api, "PATCH /organization", "/organization", tenant.adminToken(), "{\"name\":\"Unaudited\"}").status())
                    .isEqualTo(500);
            assertThat(call(api, "POST /organization/deactivate", "/organization/deactivate", tenant.adminToken(),
                    "{\"code\":\"%s\"}".formatted(tenant.organization().code())).status()).isEqualTo(500);
        }
        JsonNode organization = call(api, "GET /organization", "/organization", tenant.adminToken(), null).json();
        assertThat(organization.get("name").asString()).as("renamed iff audited").isEqualTo(tenant.organization().name());
        assertThat(organization.get("active").asBoolean()).as("deactivated iff audited").isTrue();
    }

    private Http.Response login(String username, String password) {
        return call(api, "POST /auth/login", "/auth/login", null,
                "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password));
    }
}
