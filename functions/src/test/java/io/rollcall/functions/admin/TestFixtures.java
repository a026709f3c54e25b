package io.rollcall.functions.admin;

import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import org.springframework.jdbc.core.JdbcTemplate;

/** Organizations and users made with SQL (user management is another feature), and API Gateway requests. */
public final class TestFixtures {

    private final JdbcTemplate jdbc;
    private final AccessTokens tokens;

    public TestFixtures(JdbcTemplate jdbc, AccessTokens tokens) {
        this.jdbc = jdbc;
        this.tokens = tokens;
    }

    public UUID organization() {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO organizations (id, name, legal_name, code) VALUES (?, ?, ?, ?)",
                id, "Org " + id, "Org " + id + " Ltd", "org-" + id);
        return id;
    }

    public Caller user(UUID organizationId, Role role) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO users (id, organization_id, username, email, password_hash, role_id) VALUES (?, ?, ?, ?, 'x', ?)",
                id, organizationId, "u-" + id, id + "@example.com", (short) role.id());
        return new Caller(id, organizationId, role);
    }

    public String token(Caller caller) {
        return tokens.issue(caller);
    }

    public APIGatewayV2HTTPEvent request(String routeKey, Caller caller, Map<String, String> path, Map<String, String> query, String body) {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withSourceIp("10.0.0.9").withUserAgent("junit")
                .withMethod(routeKey.substring(0, routeKey.indexOf(' '))).build();
        return APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey)
                .withHeaders(caller == null ? Map.of() : Map.of("authorization", "Bearer " + token(caller)))
                .withPathParameters(path).withQueryStringParameters(query).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http).build())
                .build();
    }

    public APIGatewayV2HTTPEvent request(String routeKey, Caller caller) {
        return request(routeKey, caller, Map.of(), Map.of(), null);
    }
}
