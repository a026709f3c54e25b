package io.rollcall.functions;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.rollcall.faces.pipeline.FaceBox;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.functions.http.ApiFunction;
import org.springframework.context.ApplicationContext;

/** Calling any route of the application's HTTP functions as API Gateway would, for tests that walk them all. */
public final class RouteCalls {

    /** One call of a route: its path and query parameters and its body (JSON unless an image/* content type). */
    public record Call(Map<String, String> path, Map<String, String> query, String contentType, byte[] body) {

        public static Call json(Map<String, String> path, String body) {
            return new Call(path, Map.of(), "application/json", body.getBytes(StandardCharsets.UTF_8));
        }

        public static Call empty(Map<String, String> path) {
            return new Call(path, Map.of(), null, null);
        }
    }

    private RouteCalls() {
    }

    /** The function that serves the route. */
    public static ApiFunction functionFor(ApplicationContext context, String route) {
        return context.getBeansOfType(ApiFunction.class).values().stream()
                .filter(f -> f.api().routeKeys().contains(route)).findFirst()
                .orElseThrow(() -> new AssertionError("no function serves " + route));
    }

    public static APIGatewayV2HTTPEvent event(String route, Call call, String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        if (call.contentType() != null) {
            headers.put("content-type", call.contentType());
        }
        boolean binary = call.contentType() != null && call.contentType().startsWith("image/");
        return APIGatewayV2HTTPEvent.builder().withRouteKey(route).withPathParameters(call.path())
                .withQueryStringParameters(call.query()).withHeaders(headers)
                .withBody(call.body() == null ? null : binary ? Base64.getEncoder().encodeToString(call.body())
                        : new String(call.body(), StandardCharsets.UTF_8))
                .withIsBase64Encoded(binary).build();
    }

    /** The largest face of a real photo, cropped with a margin: an image enrollment would accept. */
    public static byte[] oneFaceJpeg(FacePipeline pipeline, Path root) {
        try {
            byte[] photo = Files.readAllBytes(root.resolve("models/cache/photos/sample1.jpg"));
            FaceBox face = pipeline.analyze(photo).stream().map(f -> f.box()).max(Comparator.comparingInt(FaceBox::sizePx)).orElseThrow();
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(photo));
            int margin = face.width() / 3;
            int x = Math.max(0, face.x() - margin);
            int y = Math.max(0, face.y() - margin);
            BufferedImage crop = image.getSubimage(x, y, Math.min(image.getWidth() - x, face.width() + 2 * margin),
                    Math.min(image.getHeight() - y, face.height() + 2 * margin));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(crop, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
