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

    static final Instant WEDNESDAY = Instant.parse("2026-11-25T08:00:00Z");

    private static void firesNextAt(String expression, String expected) {
        assertThat(Schedules.next(expression, WEDNESDAY)).as(expression).isEqualTo(Instant.parse(expected));
    }

    @Test
    void awsCronIsEvaluatedInUtcWithAwsDaysOfTheWeek() {
        Instant from = Instant.parse("2026-11-25T08:00:00Z"); // a Wednesday
        assertThat(Schedules.next("cron(5 0 * * ? *)", from)).isEqualTo(Instant.parse("2026-11-26T00:05:00Z"));
        // AWS counts Sunday as 1: 2 is Monday
        assertThat(Schedules.next("cron(0 9 ? * 2 *)", from)).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(Schedules.next("cron(0 9 ? * MON-FRI *)", from)).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
    }

    @Test
    void theNthWeekdayCountsDaysFromSundayAndWeeksFromOne() {
        // November's third Friday, the 20th, is past
        firesNextAt("cron(0 10 ? * 6#3 *)", "2026-12-18T10:00:00Z");
        firesNextAt("cron(0 10 ? * FRI#3 *)", "2026-12-18T10:00:00Z");
        firesNextAt("cron(0 10 ? * 1#1 *)", "2026-12-06T10:00:00Z");
    }

    @Test
    void theYearFieldIsHonoured() {
        firesNextAt("cron(0 8 1 1 ? 2028)", "2028-01-01T08:00:00Z");
        firesNextAt("cron(0 8 1 1 ? 2027-2029)", "2027-01-01T08:00:00Z");
        assertThatThrownBy(() -> Schedules.next("cron(0 8 1 1 ? 2020)", WEDNESDAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never fires");
    }

    @Test
    void lastAndNearestWeekdayWildcards() {
        firesNextAt("cron(0 18 L * ? *)", "2026-11-30T18:00:00Z");
        firesNextAt("cron(0 10 ? * 6L *)", "2026-11-27T10:00:00Z"); // the month's last Friday
        firesNextAt("cron(0 9 15W * ? *)", "2026-12-15T09:00:00Z"); // the weekday nearest the 15th: a Tuesday
    }

    @Test
    void rangesListsAndIncrements() {
        firesNextAt("cron(0/15 9-17 ? * 2-6 *)", "2026-11-25T09:00:00Z");
        firesNextAt("cron(30 7 ? * 1-3 *)", "2026-11-29T07:30:00Z");
        firesNextAt("cron(0 9 ? * 7 *)", "2026-11-28T09:00:00Z");
        firesNextAt("cron(0 6,20 1,15 * ? *)", "2026-12-01T06:00:00Z");
        firesNextAt("cron(0 0 1 JAN-MAR ? *)", "2027-01-01T00:00:00Z");
    }

    @Test
    void expressionsEventBridgeRejectsAreRejected() {
        for (String rejected : List.of(
                "cron(0 9 * * * *)", // one of day-of-month and day-of-week must be '?'
                "cron(0 9 * * ?)",   // five fields
                "cron(0 9 ? * 8 *)")) {
            assertThatThrownBy(() -> Schedules.next(rejected, WEDNESDAY)).as(rejected).isInstanceOf(IllegalArgumentException.class);
        }
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
