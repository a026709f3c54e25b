package io.rollcall.notifications;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SMS provider's HTTP API: POST SMS_API_URL with {"to": E.164, "message": text} and a bearer token.
 * 2xx is sent; 4xx (but 429) is permanent; 429, 5xx and I/O errors are worth retrying.
 */
@Component
public class HttpSmsGateway implements SmsGateway {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;
    private final JsonMapper json;

    public HttpSmsGateway(@Value("${rollcall.sms.api-url}") String url, @Value("${rollcall.sms.api-token}") String token, JsonMapper json) {
        this.url = url;
        this.token = token;
        this.json = json;
    }

    @Override
    public void send(UUID deliveryId, String phoneNumber, String text) throws DeliveryException {
        if (url.isBlank()) {
            throw new DeliveryException("SMS_API_URL is not configured", true, null);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + token)
                .header("idempotency-key", deliveryId.toString())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("to", phoneNumber, "message", text))))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 != 2) {
                String body = response.body().length() > 200 ? response.body().substring(0, 200) : response.body();
                throw new DeliveryException("SMS provider answered " + status + ": " + body, status / 100 == 4 && status != 429, null);
            }
        } catch (IOException e) {
            throw new DeliveryException("SMS provider unreachable: " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", false, e);
        }
    }
}
