package io.rollcall.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * API Gateway's HTTP API, locally: matches a request against the template's HttpApi routes, turns it into a
 * payload 2.0 event (what the functions get in AWS), invokes the route's function and writes its response.
 * In front of it, what CloudFront does in AWS: /console/ is the built console, and every response carries the
 * template's security headers (Content-Security-Policy, frame-ancestors 'none').
 */
final class LocalApiGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalApiGateway.class);
    /** Lambda's synchronous payload limit (API Gateway itself allows 10 MB, Lambda 6 MB). */
    static final int MAX_BODY_BYTES = 6 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** One template route with its path compiled to a pattern. */
    record Route(String method, String path, String function, Pattern pattern, List<String> parameters) {

        static Route of(String method, String path, String function) {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}/]+?)(\\+)?}").matcher(path);
            StringBuilder regex = new StringBuilder("^");
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(path.substring(last, m.start())));
                regex.append(m.group(2) != null ? "(.+)" : "([^/]+)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(path.substring(last))).append('$');
            return new Route(method, path, function, Pattern.compile(regex.toString()), names);
        }

        String routeKey() {
            return method + " " + path;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final List<Route> routes;
    private final Lambda lambda;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ConsoleFiles console;
    private final Map<String, String> securityHeaders;

    LocalApiGateway(String host, int port, List<Route> routes, Lambda lambda) throws IOException {
        this(host, port, routes, lambda, null, Map.of());
    }

    LocalApiGateway(String host, int port, List<Route> routes, Lambda lambda, ConsoleFiles console,
                    Map<String, String> securityHeaders) throws IOException {
        this.console = console;
        this.securityHeaders = securityHeaders;
        // literal segments before parameters: /users/me wins over /users/{id}, as in API Gateway
        this.routes = routes.stream().sorted(Comparator.comparingInt((Route r) -> r.parameters().size())
                .thenComparing(r -> -r.path().length())).toList();
        this.lambda = lambda;
        server = HttpServer.create(new InetSocketAddress(host, port), 128);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            securityHeaders.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (console != null && serveConsole(exchange, method, path)) {
                return;
            }
            Route route = null;
            Matcher matcher = null;
            for (Route candidate : routes) {
                Matcher m = candidate.pattern().matcher(path);
                if ((candidate.method().equals(method) || candidate.method().equals("ANY")) && m.matches()) {
                    route = candidate;
                    matcher = m;
                    break;
                }
            }
            if (route == null) {
                respond(exchange, 404, Map.of("content-type", "application/json"),
                        json.writeValueAsBytes(Map.of("error", "not_found", "message", "no route " + method + " " + path)));
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                respond(exchange, 413, Map.of("content-type", "application/json"), json.writeValueAsBytes(
                        Map.of("error", "payload_too_large", "message", "the body is larger than " + MAX_BODY_BYTES + " bytes")));
                return;
            }
            Map<String, String> pathParameters = new LinkedHashMap<>();
            for (int i = 0; i < route.parameters().size(); i++) {
                pathParameters.put(route.parameters().get(i), URLDecoder.decode(matcher.group(i + 1), StandardCharsets.UTF_8));
            }
            byte[] event = json.writeValueAsBytes(event(exchange, route, pathParameters, body));
            byte[] response;
            try {
                response = lambda.invoke(route.function(), event);
            } catch (RuntimeException e) {
                // what API Gateway answers when the integration fails
                log.error("{} failed on {}", route.function(), route.routeKey(), e);
                respond(exchange, 500, Map.of("content-type", "application/json"),
                        json.writeValueAsBytes(Map.of("error", "internal_error", "message", "Internal Server Error")));
                return;
            }
            writeFunctionResponse(exchange, response);
        } catch (RuntimeException e) {
            log.error("local API gateway failed", e);
        }
    }

    /** @return whether the request was the console's (served, redirected or a 404 of it) */
    private boolean serveConsole(HttpExchange exchange, String method, String path) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        if (path.equals("/") || path.equals("/console")) {
            exchange.getResponseHeaders().set("location", ConsoleFiles.PREFIX);
            respond(exchange, 302, Map.of(), new byte[0]);
            return true;
        }
        if (!path.startsWith(ConsoleFiles.PREFIX)) {
            return false;
        }
        var file = console.find(path);
        if (file.isEmpty()) {
            String message = console.built() ? "no file " + path : "the console is not built: run npm run build in console/";
            respond(exchange, 404, Map.of("content-type", "application/json"),
                    json.writeValueAsBytes(Map.of("error", "not_found", "message", message)));
            return true;
        }
        respond(exchange, 200, Map.of("content-type", file.get().contentType(), "cache-control", file.get().cacheControl()),
                method.equals("HEAD") ? new byte[0] : file.get().body());
        return true;
    }

    private Map<String, Object> event(HttpExchange exchange, Route route, Map<String, String> pathParameters, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        // as API Gateway does with payload 2.0: the Cookie header becomes the event's cookies list
        String cookieHeader = headers.remove("cookie");
        List<String> cookies = cookieHeader == null ? List.of()
                : java.util.Arrays.stream(cookieHeader.split(";")).map(String::trim).filter(c -> !c.isEmpty()).toList();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                query.merge(key, value, (a, b) -> a + "," + b);
            }
        }
        Instant now = Instant.now();
        String userAgent = headers.getOrDefault("user-agent", "");
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", route.method().equals("ANY") ? exchange.getRequestMethod() : route.method());
        http.put("path", exchange.getRequestURI().getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", userAgent);
        Map<String, Object> requestContext = new LinkedHashMap<>();
        requestContext.put("accountId", LocalRuntime.ACCOUNT_ID);
        requestContext.put("apiId", "local");
        requestContext.put("domainName", headers.getOrDefault("host", "127.0.0.1"));
        requestContext.put("http", http);
        requestContext.put("requestId", UUID.randomUUID().toString());
        requestContext.put("routeKey", route.routeKey());
        requestContext.put("stage", "$default");
        requestContext.put("time", REQUEST_TIME.format(now));
        requestContext.put("timeEpoch", now.toEpochMilli());

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", exchange.getRequestURI().getRawPath());
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        event.put("headers", headers);
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        if (!pathParameters.isEmpty()) {
            event.put("pathParameters", pathParameters);
        }
        event.put("requestContext", requestContext);
        if (body.length > 0) {
            boolean text = isText(headers.get("content-type"));
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    @SuppressWarnings("unchecked")
    private void writeFunctionResponse(HttpExchange exchange, byte[] response) throws IOException {
        Map<String, Object> result = json.readValue(response, Map.class);
        int status = result.get("statusCode") instanceof Number n ? n.intValue() : 200;
        Map<String, String> headers = new LinkedHashMap<>();
        if (result.get("headers") instanceof Map<?, ?> h) {
            h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        }
        if (result.get("cookies") instanceof List<?> cookies) {
            cookies.forEach(c -> exchange.getResponseHeaders().add("set-cookie", String.valueOf(c)));
        }
        Object body = result.get("body");
        byte[] bytes = body == null ? new byte[0]
                : Boolean.TRUE.equals(result.get("isBase64Encoded"))
                ? Base64.getDecoder().decode(String.valueOf(body))
                : String.valueOf(body).getBytes(StandardCharsets.UTF_8);
        respond(exchange, status, headers, bytes);
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        boolean empty = body.length == 0 || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The body, or null when it is larger than the limit. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    /** API Gateway base64-encodes bodies unless they are text. */
    private static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("x-www-form-urlencoded") || type.contains("javascript");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
