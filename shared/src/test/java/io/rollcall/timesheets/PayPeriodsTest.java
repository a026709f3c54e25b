package io.rollcall.timesheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PayPeriodsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void examplesOfEachType() {
        LocalDate monday = LocalDate.of(2026, 1, 5);
        assertThat(new PayPeriods(PayPeriodType.WEEKLY, monday).containing(LocalDate.of(2026, 3, 4)))
                .isEqualTo(new PayPeriod(PayPeriodType.WEEKLY, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 8)));
        // before the anchor too
        assertThat(new PayPeriods(PayPeriodType.BIWEEKLY, monday).containing(LocalDate.of(2026, 1, 4)))
                .isEqualTo(new PayPeriod(PayPeriodType.BIWEEKLY, LocalDate.of(2025, 12, 22), LocalDate.of(2026, 1, 4)));
        PayPeriods semi = new PayPeriods(PayPeriodType.SEMI_MONTHLY, monday);
        assertThat(semi.containing(LocalDate.of(2028, 2, 29))).isEqualTo(
                new PayPeriod(PayPeriodType.SEMI_MONTHLY, LocalDate.of(2028, 2, 16), LocalDate.of(2028, 2, 29)));
        assertThat(semi.containing(LocalDate.of(2028, 2, 15)).start()).isEqualTo(LocalDate.of(2028, 2, 1));
        assertThat(PayPeriods.DEFAULT.containing(LocalDate.of(2028, 2, 10))).isEqualTo(
                new PayPeriod(PayPeriodType.MONTHLY, LocalDate.of(2028, 2, 1), LocalDate.of(2028, 2, 29)));
        // a monthly period from the 31st starts on a short month's last day
        PayPeriods from31 = new PayPeriods(PayPeriodType.MONTHLY, LocalDate.of(2026, 1, 31));
        assertThat(from31.containing(LocalDate.of(2026, 3, 1))).isEqualTo(
                new PayPeriod(PayPeriodType.MONTHLY, LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 30)));
        assertThat(from31.containing(LocalDate.of(2026, 2, 27))).isEqualTo(
                new PayPeriod(PayPeriodType.MONTHLY, LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 27)));
    }

    /** Seeded: for any rule and date, the periods tile the calendar - one contains the date, its neighbours touch it. */
    @Test
    void periodsTileTheCalendar() {
        long seed = 20261201L;
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            PayPeriodType type = PayPeriodType.values()[random.nextInt(PayPeriodType.values().length)];
            LocalDate anchor = LocalDate.ofEpochDay(random.nextInt(40_000));
            LocalDate date = LocalDate.ofEpochDay(random.nextInt(40_000));
            PayPeriods rule = new PayPeriods(type, anchor);
            String why = "seed " + seed + " case " + i + ": " + rule + " on " + date;
            PayPeriod period = rule.containing(date);
            assertThat(period.contains(date)).as(why).isTrue();
            assertThat(rule.containing(period.start())).as(why).isEqualTo(period);
            assertThat(rule.containing(period.end())).as(why).isEqualTo(period);
            assertThat(rule.next(period).start()).as(why).isEqualTo(period.end().plusDays(1));
            assertThat(rule.previous(period).end()).as(why).isEqualTo(period.start().minusDays(1));
            switch (type) {
                case WEEKLY -> assertThat(period.days()).as(why).isEqualTo(7);
                case BIWEEKLY -> assertThat(period.days()).as(why).isEqualTo(14);
                case SEMI_MONTHLY -> assertThat(period.start().getDayOfMonth()).as(why).isIn(1, 16);
                case MONTHLY -> assertThat(period.days()).as(why).isBetween(28, 31);
            }
            if (type == PayPeriodType.WEEKLY || type == PayPeriodType.BIWEEKLY) {
                DayOfWeek weekday = anchor.getDayOfWeek();
                assertThat(period.start().getDayOfWeek()).as(why).isEqualTo(weekday);
            }
        }
    }

    @Test
    void theSettingNamesTheFieldAtFault() {
        assertThat(PayPeriods.problem(json("{\"type\":\"BIWEEKLY\",\"anchor\":\"2026-01-05\"}"))).isNull();
        assertThat(PayPeriods.problem(json("{\"type\":\"SEMI_MONTHLY\"}"))).isNull();
        assertThat(PayPeriods.problem(json("{\"type\":\"FORTNIGHTLY\",\"anchor\":\"2026-01-05\"}"))).startsWith("type:");
        assertThat(PayPeriods.problem(json("{\"type\":\"WEEKLY\"}"))).startsWith("anchor:").contains("required");
        assertThat(PayPeriods.problem(json("{\"type\":\"WEEKLY\",\"anchor\":\"2026-02-30\"}"))).startsWith("anchor:");
        assertThat(PayPeriods.problem(json("{\"type\":\"WEEKLY\",\"anchor\":5}"))).startsWith("anchor:");
        assertThat(PayPeriods.problem(json("{\"type\":\"WEEKLY\",\"anchor\":\"2026-01-05\",\"length\":3}"))).startsWith("length:");
        assertThat(PayPeriods.problem(json("\"MONTHLY\""))).contains("object");
        assertThat(PayPeriods.read(json("{\"type\":\"SEMI_MONTHLY\"}")).type()).isEqualTo(PayPeriodType.SEMI_MONTHLY);
        assertThat(PayPeriods.read(PayPeriods.DEFAULT.toJson())).isEqualTo(PayPeriods.DEFAULT);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
