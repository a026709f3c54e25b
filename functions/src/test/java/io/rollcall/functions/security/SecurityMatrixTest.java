package io.rollcall.functions.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.rollcall.functions.FunctionTest;
import io.rollcall.functions.http.ApiFunction;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.yaml.snakeyaml.Yaml;

/**
 * The route x role matrix: what the code enforces (every ApiFunction bean's routes), what docs/security.md
 * says and what docs/openapi.yaml says must be the same, and calling every route with every role must get a
 * 403 exactly where the matrix says no.
 */
class SecurityMatrixTest extends FunctionTest {

    @Autowired ApplicationContext context;
    @Autowired AccessTokens tokens;

    /** Route key -> allowed roles (empty: public), as the code enforces it. */
    private Map<String, Set<Role>> codeMatrix() {
        Map<String, Set<Role>> matrix = new TreeMap<>();
        context.getBeansOfType(ApiFunction.class).values().forEach(function -> {
            for (String route : function.api().routeKeys()) {
                Set<Role> roles = function.api().rolesFor(route).orElse(Set.of());
                assertThat(matrix.put(route, roles)).as(route + " served by two functions").isNull();
            }
        });
        return matrix;
    }

    @Test
    void docsSecurityMdHasTheMatrixTheCodeEnforces() throws IOException {
        Map<String, Set<Role>> documented = new TreeMap<>();
        for (String line : Files.readAllLines(env.root().resolve("docs/security.md"))) {
            String[] cells = line.split("\\|", -1);
            if (cells.length == 7 && cells[1].trim().matches("(GET|POST|PUT|PATCH|DELETE) /.*")) {
                Set<Role> roles = EnumSet.noneOf(Role.class);
                for (Role role : Role.values()) {
                    if (cells[3 + role.ordinal()].trim().equals("yes")) {
                        roles.add(role);
                    }
                }
                boolean isPublic = !cells[2].isBlank();
                assertThat(isPublic).as(cells[1] + ": public or roles, not both").isEqualTo(roles.isEmpty());
                documented.put(cells[1].trim(), roles);
            }
        }
        assertThat(documented).isEqualTo(codeMatrix());
    }

    @Test
    @SuppressWarnings("unchecked")
    void openapiXRolesAgreeWithTheCodeForEveryRoute() throws IOException {
        Map<String, Object> spec = new Yaml().load(Files.readString(env.root().resolve("docs/openapi.yaml")));
        Map<String, Set<Role>> documented = new TreeMap<>();
        ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, operations) ->
                operations.forEach((method, operation) -> {
                    if (method.equals("parameters")) {
                        return;
                    }
                    Set<Role> roles = EnumSet.noneOf(Role.class);
                    List<String> xRoles = (List<String>) ((Map<String, Object>) operation).get("x-roles");
                    if (xRoles != null) {
                        xRoles.forEach(r -> roles.add(Role.valueOf(r)));
                    }
                    documented.put(method.toUpperCase() + " " + path, roles);
                }));
        assertThat(documented).isEqualTo(codeMatrix());
    }

    @Test
    void everyRoleGetsA403ExactlyWhereTheMatrixSaysNo() {
        Map<String, String> mismatches = new LinkedHashMap<>();
        context.getBeansOfType(ApiFunction.class).values().forEach(function -> {
            for (String route : new TreeSet<>(function.api().routeKeys())) {
                Set<Role> allowed = function.api().rolesFor(route).orElse(Set.of());
                for (Role role : Role.values()) {
                    int status = call(function, route, tokens.issue(new Caller(UUID.randomUUID(), UUID.randomUUID(), role)));
                    boolean shouldPass = allowed.isEmpty() || allowed.contains(role);
                    if (shouldPass == (status == 403) || (shouldPass && status == 401 && !allowed.isEmpty())) {
                        mismatches.put(route + " as " + role, "status " + status);
                    }
                }
                if (!allowed.isEmpty()) {
                    int anonymous = call(function, route, null);
                    if (anonymous != 401) {
                        mismatches.put(route + " without a token", "status " + anonymous);
                    }
                }
            }
        });
        assertThat(mismatches).isEmpty();
    }

    @Test
    void noIdentityRouteAnswers500ToAnyRoleWithNonsense() {
        ApiFunction identity = context.getBean("identityApi", ApiFunction.class);
        Map<String, Integer> errors = new TreeMap<>();
        for (String route : identity.api().routeKeys()) {
            for (Role role : Role.values()) {
                int status = call(identity, route, tokens.issue(new Caller(UUID.randomUUID(), UUID.randomUUID(), role)));
                if (status >= 500) {
                    errors.put(route + " as " + role, status);
                }
            }
        }
        assertThat(errors).isEmpty();
    }

    /** The route with random ids and an empty JSON object as the body. */
    private static int call(ApiFunction function, String route, String token) {
        String path = route.substring(route.indexOf(' ') + 1);
        Map<String, String> parameters = new LinkedHashMap<>();
        var names = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(path);
        while (names.find()) {
            parameters.put(names.group(1), UUID.randomUUID().toString());
        }
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey(route)
                .withPathParameters(parameters.isEmpty() ? null : parameters)
                .withHeaders(token == null ? Map.of() : Map.of("authorization", "Bearer " + token))
                .withBody("{}").build();
        return function.apply(event).getStatusCode();
    }
}
