package io.rollcall.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A local SMS provider on a port of its own choosing: records every request and answers the statuses it is told
 * to, then 200.
 */
public final class SmsProvider implements AutoCloseable {

    public record Received(String authorization, String idempotencyKey, String body) {
    }

    private final HttpServer server;
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final ConcurrentLinkedQueue<Integer> nextStatuses = new ConcurrentLinkedQueue<>();

    public SmsProvider() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/sms", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Integer status = nextStatuses.poll();
            int code = status == null ? 200 : status;
            if (code == 200) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("authorization"),
                        exchange.getRequestHeaders().getFirst("idempotency-key"), body));
            }
            byte[] answer = (code == 200 ? "{\"id\":\"sms-1\"}" : "{\"error\":\"refused\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Forgets what it received and the statuses it was told to answer. */
    public void reset() {
        received.clear();
        nextStatuses.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
