package io.rollcall.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ElasticMQ (SQS) and S3Proxy (S3) running inside this JVM, in a class loader of their own: their Jetty,
 * Jackson and Pekko versions never meet the functions' Spring Boot class path. The class path comes from
 * infra/emulators (built first by the reactor), which writes it to target/emulators.classpath.
 */
public final class EmbeddedEmulators implements AutoCloseable {

    /** The static credentials the emulators accept. */
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local-secret";

    private final AutoCloseable running;
    private final URLClassLoader loader;
    private final int sqsPort;
    private final int s3Port;

    private EmbeddedEmulators(AutoCloseable running, URLClassLoader loader, int sqsPort, int s3Port) {
        this.running = running;
        this.loader = loader;
        this.sqsPort = sqsPort;
        this.s3Port = s3Port;
    }

    /** Starts both on the given ports (0 = any free port), keeping S3 objects under {@code s3Dir}. */
    public static EmbeddedEmulators start(Path projectRoot, int sqsPort, int s3Port, Path s3Dir) {
        return start(projectRoot, sqsPort, s3Port, s3Dir, List.of());
    }

    /** As above, S3 answering CORS (PUT with a Content-Type) for these origins: the console's, locally. */
    public static EmbeddedEmulators start(Path projectRoot, int sqsPort, int s3Port, Path s3Dir, List<String> corsOrigins) {
        URLClassLoader loader = new URLClassLoader("emulators", classPath(projectRoot), ClassLoader.getPlatformClassLoader());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            Thread.currentThread().setContextClassLoader(loader); // Pekko and Jetty look up resources through it
            Object running = Class.forName("io.rollcall.emulators.Emulators", true, loader)
                    .getMethod("start", int.class, int.class, String.class, String.class)
                    .invoke(null, sqsPort, s3Port, s3Dir.toAbsolutePath().toString(), String.join(" ", corsOrigins));
            // given 0, each bound a port the system chose: ask which (no window for another process to take it)
            int sqs = (int) running.getClass().getMethod("sqsPort").invoke(running);
            int s3 = (int) running.getClass().getMethod("s3Port").invoke(running);
            return new EmbeddedEmulators((AutoCloseable) running, loader, sqs, s3);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not start the embedded emulators", e.getCause() == null ? e : e.getCause());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /**
     * Stops and starts one emulator's endpoint on its port ({@code "sqs"} or {@code "s3"}), keeping its queues,
     * messages and objects: what an outage of the service looks like to its clients (the fault suite uses it).
     */
    public void stop(String service) {
        call(service.equals("sqs") ? "stopSqs" : "stopS3");
    }

    public void start(String service) {
        call(service.equals("sqs") ? "startSqs" : "startS3");
    }

    private void call(String method) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            Thread.currentThread().setContextClassLoader(loader);
            running.getClass().getMethod(method).invoke(running);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(method + " failed", e.getCause() == null ? e : e.getCause());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    public String sqsEndpoint() {
        return "http://127.0.0.1:" + sqsPort;
    }

    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3Port;
    }

    /**
     * Stops both emulators. The class loader stays open: Pekko's own JVM shutdown hook still loads classes
     * through it, and closing it first made JVM exit hang.
     */
    @Override
    public void close() throws Exception {
        running.close();
    }

    private static URL[] classPath(Path projectRoot) {
        Path module = projectRoot.resolve("infra/emulators/target");
        Path file = module.resolve("emulators.classpath");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build infra/emulators first (mvn -pl infra/emulators compile)");
        }
        try {
            List<URL> urls = new ArrayList<>();
            urls.add(module.resolve("classes").toUri().toURL());
            for (String entry : Files.readString(file).trim().split(java.io.File.pathSeparator)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            return urls.toArray(URL[]::new);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
