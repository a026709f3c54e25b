package io.rollcall.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class DayStateTest {

    static final LocalDate DAY = LocalDate.parse("2026-11-25");
    static final Instant NINE = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void aPersonIsPresentAfterAnInLeftAfterAnOutAndNotArrivedBeforeEither() {
        DayEvent in = new DayEvent(UUID.randomUUID(), EventType.IN, NINE);
        DayEvent out = new DayEvent(UUID.randomUUID(), EventType.OUT, NINE.plusSeconds(3600));

        assertThat(DayState.empty(DAY).status()).isEqualTo(DayState.Status.NOT_ARRIVED);
        assertThat(new DayState(DAY, NINE, null, List.of(in)).status()).isEqualTo(DayState.Status.PRESENT);
        assertThat(new DayState(DAY, NINE, out.time(), List.of(in, out)).status()).isEqualTo(DayState.Status.LEFT);
        DayEvent back = new DayEvent(UUID.randomUUID(), EventType.IN, NINE.plusSeconds(7200));
        assertThat(new DayState(DAY, NINE, out.time(), List.of(in, out, back)).status()).isEqualTo(DayState.Status.PRESENT);
    }

    @Test
    void aNewDayStartsEmptyAndKnowsItsDate() {
        assertThat(DayState.empty(DAY)).isEqualTo(new DayState(DAY, null, null, List.of()));
    }
}
