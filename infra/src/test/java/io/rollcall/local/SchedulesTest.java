package io.rollcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class SchedulesTest {

    @Test
    void awsCronIsEvaluatedInUtcWithAwsDaysOfTheWeek() {
        Instant from = Instant.parse("2026-11-25T08:00:00Z"); // a Wednesday
        assertThat(Schedules.next("cron(5 0 * * ? *)", from)).isEqualTo(Instant.parse("2026-11-26T00:05:00Z"));
        // AWS counts Sunday as 1: 2 is Monday
        assertThat(Schedules.next("cron(0 9 ? * 2 *)", from)).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(Schedules.next("cron(0 9 ? * MON-FRI *)", from)).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
    }

    @Test
    void rateExpressions() {
        Instant from = Instant.parse("2026-11-25T08:00:00Z");
        assertThat(Schedules.next("rate(5 minutes)", from)).isEqualTo(from.plus(Duration.ofMinutes(5)));
        assertThat(Schedules.next("rate(1 hour)", from)).isEqualTo(from.plus(Duration.ofHours(1)));
        assertThatThrownBy(() -> Schedules.next("every tuesday", from)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDemoSwitchFiresEveryScheduleAsAScheduledEvent() {
        List<String> fired = new CopyOnWriteArrayList<>();
        try (Schedules schedules = new Schedules(List.of(new Schedules.Job("reportHealth", "Health", "rate(5 minutes)")),
                (function, event) -> {
                    fired.add(function + " " + new String(event, StandardCharsets.UTF_8));
                    return new byte[0];
                }, "us-east-1", Duration.ofMillis(200))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> fired.size() >= 2);
        }
        assertThat(fired.get(0)).startsWith("reportHealth ").contains("\"detail-type\":\"Scheduled Event\"", "\"source\":\"aws.events\"");
    }
}
