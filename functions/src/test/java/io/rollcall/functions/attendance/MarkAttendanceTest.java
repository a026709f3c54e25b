package io.rollcall.functions.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.lettuce.core.api.StatefulRedisConnection;
import io.rollcall.attendance.AttendanceReports;
import io.rollcall.attendance.DayEvent;
import io.rollcall.attendance.DayState;
import io.rollcall.attendance.EventType;
import io.rollcall.attendance.MarkAttendance;
import io.rollcall.attendance.Sighting;
import io.rollcall.attendance.TodayCache;
import io.rollcall.functions.FunctionTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class MarkAttendanceTest extends FunctionTest {

    @Autowired MarkAttendance mark;
    @Autowired TodayCache today;
    @Autowired AttendanceReports reports;
    @Autowired JdbcTemplate jdbc;
    @Autowired StatefulRedisConnection<String, String> redis;

    @Test
    void anotherTenantUsingTheSameEventIdDoesNotSuppressOurs() {
        AttendanceFixture victim = new AttendanceFixture(jdbc, 5);
        AttendanceFixture attacker = new AttendanceFixture(jdbc, 5);
        UUID ann = victim.user("Ann", "Ops");
        UUID mallory = attacker.user("Mallory", "Ops");
        UUID eventId = UUID.randomUUID();
        Sighting theirs = new Sighting(eventId, attacker.org, mallory, attacker.camera("ENTRY"), attacker.today(8), 0.9,
                io.rollcall.attendance.AttendanceSource.CAMERA);
        Sighting ours = new Sighting(eventId, victim.org, ann, victim.camera("ENTRY"), victim.today(9), 0.9,
                io.rollcall.attendance.AttendanceSource.CAMERA);

        assertThat(mark.mark(theirs)).isInstanceOf(MarkAttendance.Outcome.Accepted.class);
        assertThat(mark.mark(ours)).isInstanceOf(MarkAttendance.Outcome.Accepted.class);
        assertThat(mark.mark(ours)).as("our own redelivery is still one").isInstanceOf(MarkAttendance.Outcome.Duplicate.class);

        assertThat(logTypes(ann)).containsExactly("IN");
        assertThat(reports.personToday(victim.org, ann, Instant.now()).firstIn()).isEqualTo(victim.today(9));
        assertThat(logTypes(mallory)).containsExactly("IN");
    }

    @Test
    void entryAndExitCamerasDecideInAndOutAndRepeatsAreLoggedButDoNotFlip() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        UUID ann = f.user("Ann", "Ops");
        UUID entry = f.camera("ENTRY");
        UUID exit = f.camera("EXIT");

        mark.mark(f.sighting(ann, entry, f.today(9)));
        mark.mark(f.sighting(ann, entry, f.today(9.03)));      // a second look at the door: repeat
        mark.mark(f.sighting(ann, exit, f.today(9.05)));       // a real departure through the exit
        mark.mark(f.sighting(ann, entry, f.today(10)));

        assertThat(logTypes(ann)).containsExactly("IN", "IN*", "OUT", "IN");
        DayState state = reports.personToday(f.org, ann, Instant.now());
        assertThat(state.firstIn()).isEqualTo(f.today(9));
        assertThat(state.lastOut()).isEqualTo(f.today(9.05));
        assertThat(state.events()).hasSize(3);
        assertThat(state.status()).isEqualTo(DayState.Status.PRESENT);
    }

    @Test
    void aCameraThatSeesBothWaysMakesTheFirstSightingInAndLaterOnesOut() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        UUID bob = f.user("Bob", "Ops");
        UUID both = f.camera("BOTH");

        mark.mark(f.sighting(bob, both, f.today(8)));
        mark.mark(f.sighting(bob, both, f.today(8.02)));   // within the window: not a departure
        mark.mark(f.sighting(bob, both, f.today(11)));
        mark.mark(f.sighting(bob, both, f.today(11.5)));

        assertThat(logTypes(bob)).containsExactly("IN", "OUT*", "OUT", "OUT");
        DayState state = reports.personToday(f.org, bob, Instant.now());
        assertThat(state.firstIn()).isEqualTo(f.today(8));
        assertThat(state.lastOut()).isEqualTo(f.today(11.5));
        assertThat(state.status()).isEqualTo(DayState.Status.LEFT);
    }

    @Test
    void aRedeliveredSightingChangesNothing() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        UUID cid = f.user("Cid", "Ops");
        Sighting s = f.sighting(cid, f.camera("ENTRY"), f.today(9));

        assertThat(mark.mark(s)).isInstanceOf(MarkAttendance.Outcome.Accepted.class);
        assertThat(mark.mark(s)).isInstanceOf(MarkAttendance.Outcome.Duplicate.class);
        assertThat(mark.mark(s)).isInstanceOf(MarkAttendance.Outcome.Duplicate.class);

        assertThat(logTypes(cid)).containsExactly("IN");
        assertThat(reports.personToday(f.org, cid, Instant.now()).events()).hasSize(1);
    }

    @Test
    void theDayEndsAtTheOrganizationsMidnightAndALateEventLandsOnItsOwnDate() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        UUID dee = f.user("Dee", "Ops");
        UUID entry = f.camera("ENTRY");
        LocalDate yesterday = f.date().minusDays(1);

        mark.mark(f.sighting(dee, entry, f.today(0.5)));
        mark.mark(f.sighting(dee, entry, f.today(-0.5)));   // 23:30 yesterday, arriving late

        List<Map<String, Object>> logs = jdbc.queryForList(
                "SELECT attendance_date, attendance_id FROM attendance_logs WHERE user_id = ? ORDER BY event_time", dee);
        assertThat(logs).extracting(r -> r.get("attendance_date").toString())
                .containsExactly(yesterday.toString(), f.date().toString());
        assertThat(logs.get(0).get("attendance_id")).as("the closed day's record is written at once").isNotNull();
        assertThat(jdbc.queryForObject("SELECT first_in_time FROM attendance_records WHERE user_id = ? AND attendance_date = ?",
                java.sql.Timestamp.class, dee, yesterday).toInstant()).isEqualTo(f.today(-0.5));
        DayState state = reports.personToday(f.org, dee, Instant.now());
        assertThat(state.date()).isEqualTo(f.date());
        assertThat(state.events()).extracting(DayEvent::time).containsExactly(f.today(0.5));
    }

    @Test
    void aNewDaysEventReplacesYesterdaysStateInRedisAndAnOlderDaysEventNeverTouchesIt() {
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        LocalDate day1 = LocalDate.of(2026, 2, 10);
        today.apply(org, user, day1, List.of(new DayEvent(UUID.randomUUID(), EventType.IN, Instant.parse("2026-02-10T09:00:00Z"))), Duration.ofMinutes(5));
        DayEvent next = new DayEvent(UUID.randomUUID(), EventType.IN, Instant.parse("2026-02-11T08:00:00Z"));
        today.apply(org, user, day1.plusDays(1), List.of(next), Duration.ofMinutes(5));
        today.apply(org, user, day1, List.of(new DayEvent(UUID.randomUUID(), EventType.OUT, Instant.parse("2026-02-10T18:00:00Z"))), Duration.ofMinutes(5));

        DayState state = today.read(org, List.of(user), day1.plusDays(1)).get(user);
        assertThat(state.events()).containsExactly(next);
        assertThat(state.lastOut()).isNull();
        assertThat(redis.sync().ttl(TodayCache.key(org, user))).isBetween(1L, 300L);
    }

    @Test
    void concurrentSightingsOfOnePersonAreAllKeptInRedisAndPostgres() throws Exception {
        AttendanceFixture f = new AttendanceFixture(jdbc, 0);
        UUID eve = f.user("Eve", "Ops");
        UUID both = f.camera("BOTH");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Sighting s = f.sighting(eve, both, f.today(8).plusSeconds(60L * i));
            futures.add(pool.submit(() -> mark.mark(s)));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();

        List<String> logged = jdbc.queryForList(
                "SELECT id::text FROM attendance_logs WHERE user_id = ? AND NOT is_repeat ORDER BY id", String.class, eve);
        assertThat(logged).hasSize(40);
        assertThat(reports.personToday(f.org, eve, Instant.now()).events())
                .extracting(e -> e.id().toString()).containsExactlyInAnyOrderElementsOf(logged);
    }

    @Test
    void eventsArrivingOutOfTimeOrderAreKeptInTimeOrderInRedis() {
        // the merge skips its sort when events come after the day's others: a late one must still land in place
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        LocalDate date = LocalDate.now(java.time.ZoneOffset.UTC);
        Instant nine = date.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC);
        DayEvent in = new DayEvent(UUID.randomUUID(), EventType.IN, nine);
        DayEvent out = new DayEvent(UUID.randomUUID(), EventType.OUT, nine.plus(Duration.ofHours(8)));
        DayEvent lateOut = new DayEvent(UUID.randomUUID(), EventType.OUT, nine.plus(Duration.ofHours(9)));
        DayEvent earlyIn = new DayEvent(UUID.randomUUID(), EventType.IN, nine.minus(Duration.ofHours(1)));
        Duration ttl = Duration.ofHours(1);

        today.apply(org, user, date, List.of(in), ttl);
        today.apply(org, user, date, List.of(out, lateOut), ttl);   // in order: appended
        today.apply(org, user, date, List.of(earlyIn), ttl);        // before the others: sorted in

        DayState state = today.read(org, List.of(user), date).get(user);
        assertThat(state.events()).containsExactly(earlyIn, in, out, lateOut);
        assertThat(state.firstIn()).isEqualTo(earlyIn.time());
        assertThat(state.lastOut()).isEqualTo(lateOut.time());
    }

    @Test
    void whenRedisLosesTheDayTheAnswersAreRebuiltFromPostgresUnchanged() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        UUID in = f.user("Fay", "Ops");
        UUID out = f.user("Gus", "Ops");
        UUID away = f.user("Hal", "Sales");
        UUID entry = f.camera("ENTRY");
        UUID exit = f.camera("EXIT");
        mark.mark(f.sighting(in, entry, f.today(8)));
        mark.mark(f.sighting(out, entry, f.today(8.5)));
        mark.mark(f.sighting(out, exit, f.today(10)));

        AttendanceReports.LiveView before = reports.liveView(f.org, null, Instant.now());
        DayState gusBefore = reports.personToday(f.org, out, Instant.now());
        assertThat(before.present()).extracting(AttendanceReports.PersonToday::userId).containsExactly(in);
        assertThat(before.left()).extracting(AttendanceReports.PersonToday::userId).containsExactly(out);
        assertThat(before.notArrived()).extracting(AttendanceReports.PersonToday::userId).containsExactly(away);

        redis.sync().flushdb();   // this machine's Redis keeps nothing on disk: a restart looks like this

        assertThat(reports.liveView(f.org, null, Instant.now())).isEqualTo(before);
        assertThat(reports.personToday(f.org, out, Instant.now())).isEqualTo(gusBefore);
        // and the day goes on after the rebuild
        mark.mark(f.sighting(away, entry, f.today(11)));
        assertThat(reports.liveView(f.org, "Sales", Instant.now()).present())
                .extracting(AttendanceReports.PersonToday::userId).containsExactly(away);
    }

    @Test
    void aSingleLostOrStaleKeyIsRepairedWhileTheDayStaysMarkedBuilt() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        UUID evicted = f.user("Ida", "Ops");
        UUID lagged = f.user("Jon", "Ops");
        UUID entry = f.camera("ENTRY");
        UUID exit = f.camera("EXIT");
        mark.mark(f.sighting(evicted, entry, f.today(8)));
        mark.mark(f.sighting(lagged, entry, f.today(8.5)));
        String afterIn = redis.sync().get(TodayCache.key(f.org, lagged));
        mark.mark(f.sighting(lagged, exit, f.today(10)));
        AttendanceReports.LiveView before = reports.liveView(f.org, null, Instant.now());

        redis.sync().del(TodayCache.key(f.org, evicted));          // one key evicted
        redis.sync().set(TodayCache.key(f.org, lagged), afterIn);  // a replica that missed the OUT took over

        assertThat(reports.liveView(f.org, null, Instant.now())).as("repaired from the log").isEqualTo(before);
        assertThat(reports.personToday(f.org, lagged, Instant.now()).status()).isEqualTo(DayState.Status.LEFT);
        assertThat(redis.sync().get(TodayCache.key(f.org, evicted))).as("and written back").isNotNull();
    }

    /** The person's logged events in time order, a repeat marked with "*". */
    private List<String> logTypes(UUID user) {
        return jdbc.queryForList("SELECT event_type || CASE WHEN is_repeat THEN '*' ELSE '' END FROM attendance_logs "
                + "WHERE user_id = ? ORDER BY event_time", String.class, user);
    }
}
