package io.rollcall.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local runtime's configuration, from environment variables with local defaults (README, "Configuration").
 *
 * @param passThrough application variables given in the environment that override the template's values
 */
public record LocalSettings(Path root, String host, int port, String stackName, String region,
                            String databaseUrl, String databaseUser, String databasePassword, String redisUrl,
                            String jwtSigningKeys, URI s3Endpoint, URI sqsEndpoint, int sqsPort, int s3Port,
                            Path s3Directory, Duration retryDelay, Duration scheduleEvery,
                            String bootstrapOrg, String bootstrapAdmin, String bootstrapPassword,
                            boolean showBootstrapPassword, Map<String, String> passThrough) {

    /** Application variables a developer may set to override what the template would give the functions. */
    private static final String[] PASS_THROUGH = {"ACCESS_TOKEN_TTL_SECONDS", "DATABASE_POOL_SIZE", "ROLLCALL_MODELS_DIR",
            "SMTP_HOST", "SMTP_PORT", "SMTP_FROM", "SMTP_USER", "SMTP_PASSWORD", "SMTP_STARTTLS", "SMS_API_URL", "SMS_API_TOKEN"};

    /** Where the browser loads the console from (the API's origin too). */
    public String consoleOrigin() {
        return "http://" + host + ":" + port;
    }

    public static LocalSettings fromEnvironment(Map<String, String> env) {
        Path root = env.containsKey("ROLLCALL_ROOT") ? Path.of(env.get("ROLLCALL_ROOT")) : LocalRuntime.findRoot(Path.of(""));
        String shared = env.get("AWS_ENDPOINT_URL");
        String s3 = env.getOrDefault("AWS_ENDPOINT_URL_S3", shared);
        String sqs = env.getOrDefault("AWS_ENDPOINT_URL_SQS", shared);
        if ((s3 == null) != (sqs == null)) {
            throw new IllegalArgumentException("set AWS_ENDPOINT_URL, or both AWS_ENDPOINT_URL_S3 and AWS_ENDPOINT_URL_SQS");
        }
        Map<String, String> passThrough = new LinkedHashMap<>();
        for (String name : PASS_THROUGH) {
            if (env.get(name) != null) {
                passThrough.put(name, env.get(name));
            }
        }
        String every = env.get("ROLLCALL_SCHEDULE_EVERY");
        return new LocalSettings(root,
                env.getOrDefault("ROLLCALL_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("ROLLCALL_PORT", "3000")),
                env.getOrDefault("ROLLCALL_STACK_NAME", "rollcall"),
                env.getOrDefault("AWS_REGION", "us-east-1"),
                env.getOrDefault("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/rollcall"),
                env.getOrDefault("DATABASE_USER", "postgres"),
                env.getOrDefault("DATABASE_PASSWORD", ""),
                env.getOrDefault("REDIS_URL", "redis://127.0.0.1:6379/0"),
                env.getOrDefault("JWT_SIGNING_KEYS", ""),
                s3 == null ? null : URI.create(s3), sqs == null ? null : URI.create(sqs),
                Integer.parseInt(env.getOrDefault("ROLLCALL_SQS_PORT", "9324")),
                Integer.parseInt(env.getOrDefault("ROLLCALL_S3_PORT", "9090")),
                Path.of(env.getOrDefault("ROLLCALL_S3_DIR", root.resolve("infra/.local/s3").toString())),
                LocalRuntime.parseDuration(env.getOrDefault("ROLLCALL_RETRY_DELAY", "2s")),
                every == null || every.isBlank() ? null : LocalRuntime.parseDuration(every),
                env.get("ROLLCALL_BOOTSTRAP_ORG"), env.get("ROLLCALL_BOOTSTRAP_ADMIN"), env.get("ROLLCALL_BOOTSTRAP_PASSWORD"),
                Boolean.parseBoolean(env.get("ROLLCALL_BOOTSTRAP_SHOW_PASSWORD")), passThrough);
    }

    /** The values of the template's parameters without a default, locally (the others keep their Default). */
    Map<String, String> parameters() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("DatabaseUrl", databaseUrl);
        values.put("DatabaseUser", databaseUser);
        values.put("DatabasePassword", databasePassword);
        values.put("RedisUrl", redisUrl);
        values.put("JwtSigningKeys", jwtSigningKeys);
        // no mail server runs locally unless SMTP_HOST names one; e-mail deliveries then fail and are retried
        values.put("SmtpHost", passThrough.getOrDefault("SMTP_HOST", "127.0.0.1"));
        values.put("SmtpFrom", passThrough.getOrDefault("SMTP_FROM", "rollcall@localhost"));
        return values;
    }
}
