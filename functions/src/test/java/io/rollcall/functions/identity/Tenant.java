package io.rollcall.functions.identity;

import java.util.UUID;

import io.rollcall.identity.IdentityBootstrap;
import io.rollcall.identity.Organization;

/** An organization made for a test through the platform operation, with its ADMIN logged in for real. */
record Tenant(Organization organization, String adminUsername, String adminToken) {

    static final String PASSWORD = "correct horse battery";

    static Tenant create(IdentityBootstrap platform, IdentityApiFunction api) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Organization org = platform.createOrganization("org-" + suffix, "Org " + suffix, null, "admin-" + suffix, PASSWORD);
        return new Tenant(org, "admin-" + suffix, login(api, "admin-" + suffix, PASSWORD));
    }

    static String login(IdentityApiFunction api, String username, String password) {
        Http.Response response = Http.call(api, "POST /auth/login", "/auth/login", null,
                "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password));
        if (response.status() != 200) {
            throw new IllegalStateException("login of " + username + " failed: " + response);
        }
        return response.json().get("accessToken").asString();
    }

    /** Creates a user of this organization through the API; returns their id. */
    UUID createUser(IdentityApiFunction api, String username, String role) {
        Http.Response response = Http.call(api, "POST /users", "/users", adminToken,
                "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"%s\",\"fullName\":\"%s\"}"
                        .formatted(username, PASSWORD, role, "Name of " + username));
        if (response.status() != 201) {
            throw new IllegalStateException("creating " + username + " failed: " + response);
        }
        return UUID.fromString(response.json().get("id").asString());
    }

    UUID id() {
        return organization().id();
    }
}
