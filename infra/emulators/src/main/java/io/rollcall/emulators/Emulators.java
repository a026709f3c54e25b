package io.rollcall.emulators;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * Starts ElasticMQ (SQS) and S3Proxy (S3) on loopback. Called reflectively from an isolated class loader,
 * so its signature uses only JDK types.
 */
public final class Emulators implements AutoCloseable {

    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local-secret";

    // the queues and their messages live in this actor system, apart from the HTTP front: the front can be
    // stopped and started again (an SQS outage, for the fault suite) and the messages are still there after it
    private final ActorSystem system;
    private final ActorRef queueManager;
    private final String s3BaseDir;
    private SQSRestServer sqs;
    private final int sqsPort;
    private S3Proxy s3;
    private final int s3Port;

    private final List<String> corsOrigins;

    private Emulators(ActorSystem system, ActorRef queueManager, SQSRestServer sqs, int sqsPort, S3Proxy s3, String s3BaseDir,
                      List<String> corsOrigins) {
        this.system = system;
        this.queueManager = queueManager;
        this.sqs = sqs;
        this.sqsPort = sqsPort;
        this.s3 = s3;
        this.s3Port = s3.getPort();
        this.s3BaseDir = s3BaseDir;
        this.corsOrigins = corsOrigins;
    }

    /**
     * Starts both emulators, each on its port or, given 0, on one the system chooses (read it back with
     * {@link #sqsPort()} and {@link #s3Port()}); blocks until they accept connections.
     */
    public static AutoCloseable start(int sqsPort, int s3Port, String s3BaseDir) throws Exception {
        return start(sqsPort, s3Port, s3BaseDir, "");
    }

    /**
     * As above, S3 answering CORS for {@code corsOrigins} (origins separated by spaces, e.g. the console's
     * http://127.0.0.1:3000): the browser PUTs an import's files to presigned links on S3's own port, as it does to
     * the bucket on AWS (template.yaml's MediaBucket CorsConfiguration: PUT, the Content-Type header, nothing else).
     */
    public static AutoCloseable start(int sqsPort, int s3Port, String s3BaseDir, String corsOrigins) throws Exception {
        List<String> origins = Arrays.stream(corsOrigins.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
        ActorSystem system = ActorSystem.create("elasticmq");
        ActorRef queueManager = system.actorOf(Props.create(QueueManagerActor.class,
                new NowProvider(), StrictSQSLimits$.MODULE$, scala.Option.empty()));
        SQSRestServer sqs = sqsFront(system, queueManager, sqsPort);
        int boundSqsPort = sqs.waitUntilStarted().localAddress().getPort();
        return new Emulators(system, queueManager, sqs, boundSqsPort, s3Proxy(s3Port, s3BaseDir, origins), s3BaseDir, origins);
    }

    private static SQSRestServer sqsFront(ActorSystem system, ActorRef queueManager, int port) {
        return SQSRestServerBuilder.withActorSystem(system).withQueueManagerActor(queueManager)
                .withPort(port).withInterface("127.0.0.1").start();
    }

    private static S3Proxy s3Proxy(int port, String s3BaseDir, List<String> corsOrigins) throws Exception {
        Path dir = Path.of(s3BaseDir).toAbsolutePath(); // jclouds' filesystem store needs an absolute path
        Files.createDirectories(dir);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dir.toString()); // S3Proxy keeps the jclouds key names
        S3Proxy s3 = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", properties))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .stopTimeout(500) // do not wait for clients' idle keep-alive connections on stop
                // S3Proxy reads allowed origins as regular expressions: quote them, so an origin is only itself
                .corsRules(corsOrigins.isEmpty() ? CrossOriginResourceSharing.disabled() : new CrossOriginResourceSharing(
                        corsOrigins.stream().map(Pattern::quote).toList(), List.of("PUT"), List.of("content-type"), List.of("etag"), "false"))
                .build();
        s3.start();
        while (!s3.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        return s3;
    }

    /** Stops SQS's HTTP front: clients get connection refused; the queues and their messages are kept. */
    public synchronized void stopSqs() {
        if (sqs != null) {
            sqs.stopAndWait();
            sqs = null;
        }
    }

    /** Starts SQS's HTTP front again on its port, over the same queues. */
    public synchronized void startSqs() {
        if (sqs == null) {
            sqs = sqsFront(system, queueManager, sqsPort);
            sqs.waitUntilStarted();
        }
    }

    /** Stops S3Proxy: clients get connection refused; the objects stay on disk. */
    public synchronized void stopS3() throws Exception {
        if (s3 != null) {
            try {
                s3.stop();
            } catch (TimeoutException e) {
                // a request still in flight outlived the graceful stop: Jetty reports it after closing the
                // connectors and stopping anyway, and a closed port is all an outage needs
            }
            s3 = null;
        }
    }

    /** Starts S3Proxy again on its port, over the same directory. */
    public synchronized void startS3() throws Exception {
        if (s3 == null) {
            s3 = s3Proxy(s3Port, s3BaseDir, corsOrigins);
        }
    }

    public int sqsPort() {
        return sqsPort;
    }

    public int s3Port() {
        return s3Port;
    }

    @Override
    public synchronized void close() throws Exception {
        stopS3();
        stopSqs();
        system.terminate();
    }

    /** Runs both emulators as a stand-alone process: {@code Emulators sqsPort s3Port dir}. */
    public static void main(String[] args) throws Exception {
        start(Integer.parseInt(args[0]), Integer.parseInt(args[1]), args[2]);
        System.out.println("emulators ready: sqs " + args[0] + ", s3 " + args[1]);
        Thread.currentThread().join();
    }
}
