package io.rollcall.emulators;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * Starts ElasticMQ (SQS) and S3Proxy (S3) on loopback. Called reflectively from an isolated class loader,
 * so its signature uses only JDK types.
 */
public final class Emulators implements AutoCloseable {

    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local-secret";

    private final SQSRestServer sqs;
    private final int sqsPort;
    private final S3Proxy s3;

    private Emulators(SQSRestServer sqs, int sqsPort, S3Proxy s3) {
        this.sqs = sqs;
        this.sqsPort = sqsPort;
        this.s3 = s3;
    }

    /**
     * Starts both emulators, each on its port or, given 0, on one the system chooses (read it back with
     * {@link #sqsPort()} and {@link #s3Port()}); blocks until they accept connections.
     */
    public static AutoCloseable start(int sqsPort, int s3Port, String s3BaseDir) throws Exception {
        SQSRestServer sqs = SQSRestServerBuilder.withPort(sqsPort).withInterface("127.0.0.1").start();
        int boundSqsPort = sqs.waitUntilStarted().localAddress().getPort();

        Path dir = Path.of(s3BaseDir).toAbsolutePath(); // jclouds' filesystem store needs an absolute path
        Files.createDirectories(dir);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dir.toString()); // S3Proxy keeps the jclouds key names
        S3Proxy s3 = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", properties))
                .endpoint(URI.create("http://127.0.0.1:" + s3Port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .stopTimeout(500) // do not wait for clients' idle keep-alive connections on stop
                .build();
        s3.start();
        while (!s3.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        return new Emulators(sqs, boundSqsPort, s3);
    }

    public int sqsPort() {
        return sqsPort;
    }

    public int s3Port() {
        return s3.getPort();
    }

    @Override
    public void close() throws Exception {
        s3.stop();
        sqs.stopAndWait();
    }

    /** Runs both emulators as a stand-alone process: {@code Emulators sqsPort s3Port dir}. */
    public static void main(String[] args) throws Exception {
        start(Integer.parseInt(args[0]), Integer.parseInt(args[1]), args[2]);
        System.out.println("emulators ready: sqs " + args[0] + ", s3 " + args[1]);
        Thread.currentThread().join();
    }
}
