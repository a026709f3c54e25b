package io.rollcall.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * The services the fault suite breaks, all of its own so the machine's Postgres (5432) and Redis (6379), which
 * other checkouts' tests use, are never touched: a Postgres cluster created here ({@code pg_createcluster},
 * port ROLLCALL_FAULTS_PG_PORT, 5439), a {@code redis-server} process started here (ROLLCALL_FAULTS_REDIS_PORT,
 * 6389), and an SMTP server that can be taken down and brought back on the same port. Everything a fresh
 * machine of this kind lacks is created by this class (CI starts from a clean clone).
 */
final class OwnServices implements AutoCloseable {

    static final String CLUSTER = "faults";
    static final String DATABASE = "rollcall_faults";

    final int pgPort = Integer.parseInt(env("ROLLCALL_FAULTS_PG_PORT", "5439"));
    final int redisPort = Integer.parseInt(env("ROLLCALL_FAULTS_REDIS_PORT", "6389"));
    final int smtpPort = freePort();
    private final String pgVersion;
    private final Path redisDir;
    private Process redis;
    private GreenMail smtp;
    /** The Message-IDs of every mail received, across SMTP restarts. */
    private final List<String> mailIds = new ArrayList<>();

    OwnServices() throws Exception {
        pgVersion = Files.list(Path.of("/usr/lib/postgresql")).map(p -> p.getFileName().toString())
                .max(Comparator.comparingInt(Integer::parseInt)).orElseThrow();
        ensureCluster();
        recreateDatabase();
        redisDir = Files.createTempDirectory("rollcall-faults-redis");
        startRedis();
        startSmtp();
    }

    String databaseUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + DATABASE;
    }

    String redisUrl() {
        return "redis://127.0.0.1:" + redisPort + "/0";
    }

    // ---- Postgres ------------------------------------------------------------------------------------

    private void ensureCluster() throws Exception {
        Path config = Path.of("/etc/postgresql", pgVersion, CLUSTER);
        if (!Files.isDirectory(config)) {
            run(Duration.ofMinutes(2), "pg_createcluster", pgVersion, CLUSTER, "-p", String.valueOf(pgPort));
        }
        // trust on loopback as the machine's cluster has; never started at boot: it is this suite's alone
        Files.writeString(config.resolve("pg_hba.conf"),
                "local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n");
        Files.writeString(config.resolve("start.conf"), "manual\n");
        if (!pgReady()) {
            pgctl("start");
        }
        awaitPg();
    }

    void restartPostgres() throws Exception {
        pgctl("restart");
        awaitPg();
    }

    void stopPostgres() throws Exception {
        pgctl("stop");
    }

    void startPostgres() throws Exception {
        pgctl("start");
        awaitPg();
    }

    private void pgctl(String action) throws Exception {
        run(Duration.ofMinutes(1), "pg_ctlcluster", "--skip-systemctl-redirect", pgVersion, CLUSTER, action);
    }

    private boolean pgReady() throws Exception {
        return exit(Duration.ofSeconds(10), "pg_isready", "-q", "-h", "127.0.0.1", "-p", String.valueOf(pgPort)) == 0;
    }

    private void awaitPg() throws Exception {
        Instant until = Instant.now().plusSeconds(60);
        while (!pgReady()) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("the faults cluster did not come up on port " + pgPort);
            }
            Thread.sleep(200);
        }
    }

    private void recreateDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }

    // ---- Redis ---------------------------------------------------------------------------------------

    void startRedis() throws Exception {
        redis = new ProcessBuilder("redis-server", "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", redisDir.toString())
                .redirectErrorStream(true).redirectOutput(redisDir.resolve("redis.log").toFile()).start();
        Instant until = Instant.now().plusSeconds(30);
        while (exit(Duration.ofSeconds(5), "redis-cli", "-p", String.valueOf(redisPort), "ping") != 0) {
            if (!redis.isAlive() || Instant.now().isAfter(until)) {
                throw new IllegalStateException("redis-server did not start on port " + redisPort + ": "
                        + Files.readString(redisDir.resolve("redis.log")));
            }
            Thread.sleep(100);
        }
    }

    /** SIGKILL, as a crash: nothing is saved (the server keeps nothing on disk anyway). */
    void killRedis() throws Exception {
        redis.destroyForcibly();
        redis.waitFor(10, TimeUnit.SECONDS);
    }

    void flushRedis() throws Exception {
        run(Duration.ofSeconds(10), "redis-cli", "-p", String.valueOf(redisPort), "FLUSHALL");
    }

    /** Deletes one key matching {@code pattern}; answers the key, or null when none matched. */
    String deleteOneKey(String pattern) throws Exception {
        String keys = output(Duration.ofSeconds(10), "redis-cli", "-p", String.valueOf(redisPort), "--scan", "--pattern", pattern);
        String key = Arrays.stream(keys.split("\n")).map(String::trim).filter(k -> !k.isEmpty()).findFirst().orElse(null);
        if (key != null) {
            run(Duration.ofSeconds(10), "redis-cli", "-p", String.valueOf(redisPort), "DEL", key);
        }
        return key;
    }

    // ---- SMTP ----------------------------------------------------------------------------------------

    synchronized void startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    synchronized void stopSmtp() throws Exception {
        collectMail();
        smtp.stop();
        smtp = null;
    }

    /** Every Message-ID received so far, a mail received twice listed twice. */
    synchronized List<String> mailIds() throws Exception {
        collectMail();
        return List.copyOf(mailIds);
    }

    private void collectMail() throws Exception {
        if (smtp == null) {
            return;
        }
        for (MimeMessage message : smtp.getReceivedMessages()) {
            mailIds.add(message.getMessageID());
        }
        smtp.purgeEmailFromAllMailboxes();
    }

    // ---- processes -----------------------------------------------------------------------------------

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(Duration timeout, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static String output(Duration timeout, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return out;
    }

    private static int exit(Duration timeout, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Stops what this suite started: its Redis process, its SMTP server and its Postgres cluster. */
    @Override
    public void close() {
        try {
            if (smtp != null) {
                smtp.stop();
            }
            redis.destroyForcibly();
            stopPostgres();
        } catch (Exception e) {
            // a leftover cluster is stopped by the next run's restart; nothing else is shared
        }
    }
}
