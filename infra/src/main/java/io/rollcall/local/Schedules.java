package io.rollcall.local;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;
import tools.jackson.databind.json.JsonMapper;

/**
 * EventBridge schedules, locally: rate(...) and cron(...) expressions from the template fire a ScheduledEvent at
 * their function. {@code every} (ROLLCALL_SCHEDULE_EVERY, e.g. 10s) fires every schedule at that rate instead,
 * for a demo.
 */
final class Schedules implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Schedules.class);
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+)\\s+(minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final Lambda lambda;
    private final String region;
    private final JsonMapper json = JsonMapper.builder().build();

    record Job(String function, String ruleName, String expression) {
    }

    Schedules(List<Job> jobs, Lambda lambda, String region, Duration every) {
        this.lambda = lambda;
        this.region = region;
        for (Job job : jobs) {
            if (every != null) {
                scheduler.scheduleAtFixedRate(() -> fire(job), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                scheduleNext(job);
            }
        }
    }

    private void scheduleNext(Job job) {
        Instant next = next(job.expression(), Instant.now());
        scheduler.schedule(() -> {
            fire(job);
            scheduleNext(job);
        }, Duration.between(Instant.now(), next).toMillis(), TimeUnit.MILLISECONDS);
    }

    private void fire(Job job) {
        try {
            lambda.invoke(job.function(), json.writeValueAsBytes(event(job)));
        } catch (RuntimeException e) {
            log.warn("scheduled {} failed: {}", job.function(), e.toString());
        }
    }

    /** When a schedule expression fires next after {@code from} (UTC, as EventBridge evaluates it). */
    static Instant next(String expression, Instant from) {
        Matcher rate = RATE.matcher(expression.trim());
        if (rate.matches()) {
            long n = Long.parseLong(rate.group(1));
            Duration period = switch (rate.group(2).replaceAll("s$", "")) {
                case "minute" -> Duration.ofMinutes(n);
                case "hour" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return from.plus(period);
        }
        Matcher cron = CRON.matcher(expression.trim());
        if (cron.matches()) {
            ZonedDateTime next = toSpringCron(cron.group(1)).next(from.atZone(ZoneOffset.UTC));
            if (next == null) {
                throw new IllegalArgumentException("schedule never fires: " + expression);
            }
            return next.toInstant();
        }
        throw new IllegalArgumentException("not a schedule expression: " + expression);
    }

    /**
     * AWS cron has six fields (minutes hours day-of-month month day-of-week year) and counts days of the week
     * 1-7 from Sunday; Spring's has seconds first, no year, and counts 0-7 with 1 = Monday.
     */
    static CronExpression toSpringCron(String aws) {
        String[] f = aws.trim().split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("AWS cron needs 6 fields: " + aws);
        }
        String dayOfWeek = Pattern.compile("\\d").matcher(f[4]).replaceAll(d -> String.valueOf(Integer.parseInt(d.group()) - 1));
        return CronExpression.parse("0 " + f[0] + " " + f[1] + " " + f[2] + " " + f[3] + " " + dayOfWeek);
    }

    private Map<String, Object> event(Job job) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", LocalRuntime.ACCOUNT_ID);
        event.put("time", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.put("resources", List.of("arn:aws:events:" + region + ":" + LocalRuntime.ACCOUNT_ID + ":rule/" + job.ruleName()));
        event.put("detail", Map.of());
        return event;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
