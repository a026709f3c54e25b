package io.rollcall.attendance;

import static io.rollcall.attendance.CameraDirection.BOTH;
import static io.rollcall.attendance.CameraDirection.ENTRY;
import static io.rollcall.attendance.CameraDirection.EXIT;
import static io.rollcall.attendance.EventType.IN;
import static io.rollcall.attendance.EventType.OUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.rollcall.attendance.AttendanceRules.Decision;
import org.junit.jupiter.api.Test;

/** The IN/OUT and repeat rules of docs/attendance.md, without storage or Spring. */
class AttendanceRulesTest {

    static final Instant NINE = Instant.parse("2026-11-25T09:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void anEntryCameraMeansInAndAnExitCameraOutWhateverCameBefore() {
        assertThat(decide(ENTRY, List.of(), NINE)).isEqualTo(new Decision(IN, false));
        assertThat(decide(EXIT, List.of(), NINE)).isEqualTo(new Decision(OUT, false));
        List<DayEvent> wasOut = List.of(event(OUT, NINE.minusSeconds(3600)));
        assertThat(decide(ENTRY, wasOut, NINE)).isEqualTo(new Decision(IN, false));
        List<DayEvent> wasIn = List.of(event(IN, NINE.minusSeconds(3600)));
        assertThat(decide(EXIT, wasIn, NINE)).isEqualTo(new Decision(OUT, false));
    }

    @Test
    void aCameraThatSeesBothWaysMakesTheDaysFirstSightingInAndLaterOnesOut() {
        assertThat(decide(BOTH, List.of(), NINE)).isEqualTo(new Decision(IN, false));
        assertThat(decide(BOTH, List.of(event(IN, NINE)), NINE.plus(Duration.ofHours(8))))
                .isEqualTo(new Decision(OUT, false));
    }

    @Test
    void insideTheRepeatWindowABothWaysCameraCannotTellASecondLookFromADeparture() {
        List<DayEvent> in = List.of(event(IN, NINE));
        assertThat(decide(BOTH, in, NINE.plus(Duration.ofMinutes(4)))).isEqualTo(new Decision(OUT, true));
        // the window is half-open: at exactly its length the sighting counts
        assertThat(decide(BOTH, in, NINE.plus(WINDOW))).isEqualTo(new Decision(OUT, false));
    }

    @Test
    void theSameDirectionInsideTheWindowIsARepeatButAnExitRightAfterAnEntryIsARealDeparture() {
        List<DayEvent> in = List.of(event(IN, NINE));
        assertThat(decide(ENTRY, in, NINE.plusSeconds(30))).isEqualTo(new Decision(IN, true));
        assertThat(decide(EXIT, in, NINE.plusSeconds(30))).isEqualTo(new Decision(OUT, false));
        assertThat(decide(ENTRY, in, NINE.plus(WINDOW).plusSeconds(1))).isEqualTo(new Decision(IN, false));
    }

    @Test
    void aLateSightingIsJudgedAgainstTheEventsBeforeItInTimeNotTheLatest() {
        List<DayEvent> day = List.of(event(IN, NINE), event(OUT, NINE.plus(Duration.ofHours(8))));
        // redelivered late, but taken at 08:00: nothing came before it that day
        assertThat(decide(BOTH, day, NINE.minus(Duration.ofHours(1)))).isEqualTo(new Decision(IN, false));
        // taken two minutes after the 09:00 IN: a repeat of it, whatever happened at 17:00
        assertThat(decide(BOTH, day, NINE.plusSeconds(120))).isEqualTo(new Decision(OUT, true));
    }

    @Test
    void aZeroWindowMakesNothingARepeat() {
        assertThat(AttendanceRules.decide(ENTRY, List.of(event(IN, NINE)), NINE, Duration.ZERO).repeat()).isFalse();
    }

    /**
     * Invariants over many random days (a fixed seed, so a failure reproduces): the direction of a one-way
     * camera decides the type; a repeat always has an earlier event of the day inside the window; and events
     * after the sighting never change the decision.
     */
    @Test
    void invariantsHoldForRandomDays() {
        Random random = new Random(20261125);
        for (int run = 0; run < 5_000; run++) {
            List<DayEvent> day = new ArrayList<>();
            Instant t = NINE;
            for (int i = random.nextInt(6); i > 0; i--) {
                t = t.plusSeconds(random.nextInt(1800));
                day.add(event(random.nextBoolean() ? IN : OUT, t));
            }
            CameraDirection direction = CameraDirection.values()[random.nextInt(3)];
            Instant time = NINE.plusSeconds(random.nextInt(3 * 3600) - 600);
            Duration window = Duration.ofSeconds(random.nextInt(900));

            Decision decision = AttendanceRules.decide(direction, day, time, window);

            if (direction == ENTRY) {
                assertThat(decision.type()).isEqualTo(IN);
            } else if (direction == EXIT) {
                assertThat(decision.type()).isEqualTo(OUT);
            }
            List<DayEvent> before = day.stream().filter(e -> !e.time().isAfter(time)).toList();
            if (decision.repeat()) {
                DayEvent previous = before.get(before.size() - 1);
                assertThat(Duration.between(previous.time(), time)).isLessThan(window);
            }
            assertThat(AttendanceRules.decide(direction, before, time, window)).isEqualTo(decision);
        }
    }

    private static Decision decide(CameraDirection direction, List<DayEvent> accepted, Instant time) {
        return AttendanceRules.decide(direction, accepted, time, WINDOW);
    }

    private static DayEvent event(EventType type, Instant time) {
        return new DayEvent(UUID.randomUUID(), type, time);
    }
}
