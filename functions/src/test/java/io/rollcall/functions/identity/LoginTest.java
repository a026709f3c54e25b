package io.rollcall.functions.identity;

import static io.rollcall.functions.identity.Http.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.OrganizationService;
import io.rollcall.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class LoginTest extends IdentityTest {

    @Autowired AccessTokens tokens;
    @Autowired OrganizationService organizations;
    @Autowired JdbcTemplate jdbc;

    @Test
    void aLoginIssuesAShortLivedTokenNamingTheUserTheirOrganizationAndRole() {
        UUID operator = tenant.createUser(api, "op-" + tenant.id().toString().substring(0, 8), "OPERATOR");

        Http.Response response = call(api, "POST /auth/login", "/auth/login", null,
                "{\"username\":\"OP-%s\",\"password\":\"%s\"}".formatted(tenant.id().toString().substring(0, 8), Tenant.PASSWORD));

        assertThat(response.status()).as("usernames are case-insensitive").isEqualTo(200);
        assertThat(response.json().get("expiresIn").asLong()).isEqualTo(tokens.lifetime().toSeconds());
        Caller caller = tokens.verify(response.json().get("accessToken").asString()).orElseThrow();
        assertThat(caller).isEqualTo(new Caller(operator, tenant.id(), Role.OPERATOR));
        assertThat(AuditQueue.find("LOGIN_SUCCEEDED", operator.toString()).get("ipAddress").asString()).isEqualTo(Http.IP);
    }

    @Test
    void everyFailureIsTheSame401WithNothingToTellThemApart() {
        String suffix = tenant.id().toString().substring(0, 8);
        UUID inactive = tenant.createUser(api, "inactive-" + suffix, "USER");
        UUID deleted = tenant.createUser(api, "deleted-" + suffix, "USER");
        call(api, "POST /users/{id}/deactivate", "/users/" + inactive + "/deactivate", tenant.adminToken(), null);
        call(api, "DELETE /users/{id}", "/users/" + deleted, tenant.adminToken(), null);

        Http.Response wrongPassword = login(tenant.adminUsername(), "not the password");
        Http.Response unknownUser = login("nobody-" + suffix, Tenant.PASSWORD);
        Http.Response inactiveUser = login("inactive-" + suffix, Tenant.PASSWORD);
        Http.Response deletedUser = login("deleted-" + suffix, Tenant.PASSWORD);
        Http.Response noPassword = call(api, "POST /auth/login", "/auth/login", null, "{\"username\":\"x\"}");

        assertThat(new HashSet<>(List.of(wrongPassword, unknownUser, inactiveUser, deletedUser, noPassword)))
                .hasSize(1)   // same status and byte-identical body
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
        assertThat(wrongPassword.body()).doesNotContain(tenant.adminUsername());
    }

    @Test
    void nobodyOfADeactivatedOrganizationCanLogIn() {
        UUID user = tenant.createUser(api, "staff-" + tenant.id().toString().substring(0, 8), "USER");
        assertThat(organizations.isActive(tenant.id())).isTrue();

        Http.Response refused = call(api, "POST /organization/deactivate", "/organization/deactivate", tenant.adminToken(),
                "{\"code\":\"not-our-code\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("fields").has("code")).isTrue();
        assertThat(call(api, "POST /organization/deactivate", "/organization/deactivate", tenant.adminToken(),
                "{\"code\":\"" + tenant.organization().code() + "\"}").status()).isEqualTo(204);

        assertThat(organizations.isActive(tenant.id())).isFalse();
        assertThat(login(tenant.adminUsername(), Tenant.PASSWORD).status()).isEqualTo(401);
        assertThat(login("staff-" + tenant.id().toString().substring(0, 8), Tenant.PASSWORD).status()).isEqualTo(401);
        assertThat(AuditQueue.find("ORGANIZATION_DEACTIVATED", tenant.id().toString()).get("userAgent").asString())
                .isEqualTo(Http.AGENT);
        assertThat(user).isNotNull();
    }

    @Test
    void repeatedFailuresLockAUsernameUntilTheLockRunsOut() {
        for (int i = 0; i < 5; i++) {
            assertThat(login(tenant.adminUsername(), "wrong " + i).status()).isEqualTo(401);
        }
        Http.Response locked = login(tenant.adminUsername(), Tenant.PASSWORD);
        assertThat(locked.status()).as("even the right password").isEqualTo(429);

        // the same for a username that does not exist: a lock-out reveals nothing
        String ghost = "ghost-" + tenant.id().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            login(ghost, "wrong");
        }
        assertThat(login(ghost, "wrong")).isEqualTo(locked);

        jdbc.update("UPDATE login_failures SET locked_until = now() - interval '1 second' WHERE username = ?", tenant.adminUsername());
        assertThat(login(tenant.adminUsername(), Tenant.PASSWORD).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM login_failures WHERE username = ?", Integer.class, tenant.adminUsername()))
                .as("a success forgets the failures").isZero();
    }

    @Test
    void parallelGuessesGetNoMoreTriesThanTheLimit() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> guesses = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String guess = "guess " + i;
                guesses.add(pool.submit(() -> {
                    start.await();
                    return login(tenant.adminUsername(), guess).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var g : guesses) {
                statuses.add(g.get());
            }
            assertThat(statuses).as("verified (401) at most the limit of 5; the rest refused unverified (429)")
                    .containsOnly(401, 429).filteredOn(s -> s == 401).hasSizeLessThanOrEqualTo(5);
            assertThat(statuses).filteredOn(s -> s == 429).hasSizeGreaterThanOrEqualTo(11);
        } finally {
            pool.shutdownNow();
        }
        assertThat(login(tenant.adminUsername(), Tenant.PASSWORD).status()).as("locked now").isEqualTo(429);
    }

    @Test
    void aSuccessBeforeTheLimitResetsTheCount() {
        for (int i = 0; i < 4; i++) {
            login(tenant.adminUsername(), "wrong");
        }
        assertThat(login(tenant.adminUsername(), Tenant.PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            login(tenant.adminUsername(), "wrong");
        }
        assertThat(login(tenant.adminUsername(), Tenant.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void passwordsAreStoredAsArgon2idHashes() {
        String hash = jdbc.queryForObject("SELECT password_hash FROM users WHERE username = ?", String.class, tenant.adminUsername());
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(Tenant.PASSWORD);
    }

    @Test
    void aWeakerOldHashIsUpgradedAtTheNextLogin() {
        String weak = new org.springframework.security.crypto.argon2.Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode(Tenant.PASSWORD);
        jdbc.update("UPDATE users SET password_hash = ? WHERE username = ?", weak, tenant.adminUsername());

        assertThat(login(tenant.adminUsername(), Tenant.PASSWORD).status()).isEqualTo(200);

        assertThat(jdbc.queryForObject("SELECT password_hash FROM users WHERE username = ?", String.class, tenant.adminUsername()))
                .startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    private Http.Response login(String username, String password) {
        return call(api, "POST /auth/login", "/auth/login", null,
                "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password));
    }
}
