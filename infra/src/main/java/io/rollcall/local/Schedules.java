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

import com.cronutils.model.definition.CronConstraintsFactory;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
            return awsCron(cron.group(1)).nextExecution(from.atZone(ZoneOffset.UTC))
                    .map(ZonedDateTime::toInstant)
                    .orElseThrow(() -> new IllegalArgumentException("schedule never fires: " + expression));
        }
        throw new IllegalArgumentException("not a schedule expression: " + expression);
    }

    /**
     * EventBridge's cron dialect: minutes hours day-of-month month day-of-week year, days of the week 1-7 from
     * Sunday, {@code #n} (nth weekday of the month), {@code L}, {@code W}, and {@code ?} in exactly one of the
     * two day fields.
     */
    private static final CronParser AWS_CRON = new CronParser(CronDefinitionBuilder.defineCron()
            .withMinutes().withValidRange(0, 59).withStrictRange().and()
            .withHours().withValidRange(0, 23).withStrictRange().and()
            .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW().supportsQuestionMark().withStrictRange().and()
            .withMonth().withValidRange(1, 12).withStrictRange().and()
            .withDayOfWeek().withValidRange(1, 7).withMondayDoWValue(2).supportsHash().supportsL().supportsQuestionMark().withStrictRange().and()
            .withYear().withValidRange(1970, 2199).withStrictRange().and()
            .withCronValidation(CronConstraintsFactory.ensureEitherDayOfWeekOrDayOfMonth())
            .instance());

    static ExecutionTime awsCron(String fields) {
        try {
            return ExecutionTime.forCron(AWS_CRON.parse(fields.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an EventBridge cron expression: " + fields + " (" + e.getMessage() + ")", e);
        }
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
