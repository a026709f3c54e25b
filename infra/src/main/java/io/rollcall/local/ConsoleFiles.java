package io.rollcall.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built console (console/dist) under /console/, as the template's CloudFront distribution serves it from
 * its bucket: files by path, and index.html for the single-page app's own routes (the ConsoleRewrite function).
 */
final class ConsoleFiles {

    static final String PREFIX = "/console/";

    record File(byte[] body, String contentType, String cacheControl) {
    }

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("ico", "image/x-icon"),
            Map.entry("json", "application/json"), Map.entry("woff2", "font/woff2"), Map.entry("txt", "text/plain"),
            Map.entry("map", "application/json"),
            // the kiosk's face detector weights (tfjs), next to the script that reads them
            Map.entry("bin", "application/octet-stream"));

    private final Path dist;

    ConsoleFiles(Path dist) {
        this.dist = dist.toAbsolutePath().normalize();
    }

    boolean built() {
        return Files.isRegularFile(dist.resolve("index.html"));
    }

    /** The file for a request path under /console/, or empty when there is none (a 404). */
    Optional<File> find(String rawPath) throws IOException {
        if (!rawPath.startsWith(PREFIX) || !built()) {
            return Optional.empty();
        }
        String relative = rawPath.substring(PREFIX.length());
        String extension = extension(relative);
        if (extension.isEmpty()) {
            // /console/, /console/people, /console/kiosk: the app routes itself; never cached, so a deploy shows
            return Optional.of(new File(Files.readAllBytes(dist.resolve("index.html")), TYPES.get("html"), "no-cache"));
        }
        Path file = dist.resolve(relative).normalize();
        if (!file.startsWith(dist) || !Files.isRegularFile(file) || !TYPES.containsKey(extension)) {
            return Optional.empty();
        }
        // Vite names every built asset by its content hash: it can be kept forever
        String cache = relative.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
        return Optional.of(new File(Files.readAllBytes(file), TYPES.get(extension), cache));
    }

    private static String extension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }
}
