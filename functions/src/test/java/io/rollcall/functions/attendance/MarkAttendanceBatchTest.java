package io.rollcall.functions.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.lettuce.core.api.StatefulRedisConnection;
import io.rollcall.attendance.AttendanceReports;
import io.rollcall.attendance.DayEvent;
import io.rollcall.attendance.MarkAttendance;
import io.rollcall.attendance.MarkAttendance.Outcome;
import io.rollcall.attendance.Sighting;
import io.rollcall.functions.FunctionTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A whole SQS batch in one transaction must decide exactly as the sightings would one at a time. */
class MarkAttendanceBatchTest extends FunctionTest {

    @Autowired MarkAttendance mark;
    @Autowired AttendanceReports reports;
    @Autowired JdbcTemplate jdbc;
    @Autowired StatefulRedisConnection<String, String> redis;

    @Test
    void aBatchDecidesEachSightingAgainstTheOnesBeforeItAsOneAtATimeWould() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        UUID ann = f.user("Ann", "Ops");
        UUID entry = f.camera("ENTRY");
        UUID exit = f.camera("EXIT");
        UUID both = f.camera("BOTH");
        UUID bob = f.user("Bob", "Ops");

        List<Outcome> outcomes = mark.markAll(List.of(
                f.sighting(ann, entry, f.today(9)),
                f.sighting(bob, both, f.today(8)),
                f.sighting(ann, entry, f.today(9.03)),     // a second look at the door: repeat
                f.sighting(bob, both, f.today(8.02)),      // inside the window: repeat
                f.sighting(ann, exit, f.today(9.05)),
                f.sighting(bob, both, f.today(11))));

        assertThat(outcomes).allMatch(o -> o instanceof Outcome.Accepted);
        assertThat(logTypes(ann)).containsExactly("IN", "IN*", "OUT");
        assertThat(logTypes(bob)).containsExactly("IN", "OUT*", "OUT");
        assertThat(reports.personToday(f.org, ann, Instant.now()).lastOut()).isEqualTo(f.today(9.05));
        assertThat(reports.personToday(f.org, bob, Instant.now()).events()).extracting(DayEvent::time)
                .containsExactly(f.today(8), f.today(11));
    }

    @Test
    void theSameMessageTwiceInOneBatchIsOneEventAndABadSightingDoesNotStopTheOthers() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        AttendanceFixture other = new AttendanceFixture(jdbc, 5);
        UUID cid = f.user("Cid", "Ops");
        UUID gone = f.user("Gone", "Ops", true, true);
        UUID stranger = other.user("Stranger", "Ops");
        UUID entry = f.camera("ENTRY");
        Sighting first = f.sighting(cid, entry, f.today(9));

        List<Outcome> outcomes = mark.markAll(List.of(first, f.sighting(gone, entry, f.today(9)), first,
                f.sighting(stranger, entry, f.today(9)), f.sighting(cid, other.camera("EXIT"), f.today(10))));

        assertThat(outcomes.get(0)).isInstanceOf(Outcome.Accepted.class);
        assertThat(outcomes.get(1)).isInstanceOf(Outcome.Rejected.class)
                .extracting(o -> ((Outcome.Rejected) o).reason()).asString().contains("deleted or inactive");
        assertThat(outcomes.get(2)).isInstanceOf(Outcome.Duplicate.class);
        assertThat(((Outcome.Rejected) outcomes.get(3)).reason()).contains("is not a user of organization " + f.org);
        assertThat(((Outcome.Rejected) outcomes.get(4)).reason()).contains("is not a camera of organization " + f.org);
        assertThat(logTypes(cid)).containsExactly("IN");
        assertThat(mark.markAll(List.of(first)).get(0)).as("and a redelivered batch").isInstanceOf(Outcome.Duplicate.class);
    }

    /**
     * Property: however a stream of sightings of a few people (cameras of every direction, out of time order, with
     * redeliveries) is cut into batches and spread over two consumers at once, the log is what one-at-a-time
     * marking in the same order gives. Seeded; the seed is in the message.
     */
    @Test
    void batchesOnTwoConsumersAtOnceLogWhatOneAtATimeLogs() throws Exception {
        ExecutorService consumers = Executors.newFixedThreadPool(2);
        try {
            for (long seed = 1; seed <= 12; seed++) {
                Random random = new Random(seed);
                AttendanceFixture sequential = new AttendanceFixture(jdbc, 5);
                AttendanceFixture batched = new AttendanceFixture(jdbc, 5);
                List<UUID> seqPeople = new ArrayList<>();
                List<UUID> batchPeople = new ArrayList<>();
                List<UUID> seqCameras = new ArrayList<>();
                List<UUID> batchCameras = new ArrayList<>();
                for (int p = 0; p < 3; p++) {
                    seqPeople.add(sequential.user("P" + p, "Ops"));
                    batchPeople.add(batched.user("P" + p, "Ops"));
                }
                for (String direction : List.of("ENTRY", "EXIT", "BOTH")) {
                    seqCameras.add(sequential.camera(direction));
                    batchCameras.add(batched.camera(direction));
                }
                // distinct minutes, in no particular order: late sightings included
                List<Integer> minutes = new ArrayList<>();
                for (int m = 0; m < 600; m++) {
                    minutes.add(m);
                }
                Collections.shuffle(minutes, random);
                List<int[]> stream = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    stream.add(new int[] {random.nextInt(3), random.nextInt(3), minutes.get(i)});
                }
                // the last ten hours, never the future (which would be refused), whatever the time of day
                Instant base = Instant.now().minusSeconds(601 * 60).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
                List<Sighting> seqSightings = new ArrayList<>();
                List<Sighting> batchSightings = new ArrayList<>();
                for (int[] s : stream) {
                    Instant at = base.plusSeconds(60L * s[2]);
                    seqSightings.add(sequential.sighting(seqPeople.get(s[0]), seqCameras.get(s[1]), at));
                    batchSightings.add(batched.sighting(batchPeople.get(s[0]), batchCameras.get(s[1]), at));
                }
                seqSightings.forEach(mark::mark);

                // persons 0 and 1 on consumer A, person 2 on consumer B, each person's sightings in stream order
                // (a decision depends on what came before it), random batch sizes, every batch delivered twice
                List<List<Sighting>> a = batches(batchSightings, stream, p -> p != 2, random);
                List<List<Sighting>> b = batches(batchSightings, stream, p -> p == 2, random);
                Future<?> fa = consumers.submit(() -> a.forEach(batch -> { mark.markAll(batch); mark.markAll(batch); }));
                Future<?> fb = consumers.submit(() -> b.forEach(batch -> { mark.markAll(batch); mark.markAll(batch); }));
                fa.get();
                fb.get();

                assertThat(jdbc.queryForObject("SELECT count(*) FROM attendance_logs WHERE organization_id = ?",
                        Integer.class, batched.org)).as("seed %d", seed).isEqualTo(40);
                for (int p = 0; p < 3; p++) {
                    assertThat(logTypes(batchPeople.get(p))).as("seed %d, person %d", seed, p)
                            .isEqualTo(logTypes(seqPeople.get(p)));
                    assertThat(reports.personToday(batched.org, batchPeople.get(p), Instant.now()).events())
                            .as("seed %d, person %d in Redis", seed, p).extracting(DayEvent::time)
                            .isEqualTo(reports.personToday(sequential.org, seqPeople.get(p), Instant.now()).events()
                                    .stream().map(DayEvent::time).toList());
                }
            }
        } finally {
            consumers.shutdown();
        }
    }

    /**
     * A shift change's batch (the template's 500): hundreds of sightings of 30 people, out of time order, close enough
     * for the repeat window, on days that already hold events before, among and after them (the decisions read only
     * the stored events they can see). One markAll logs what one at a time logs; a bad sighting is refused at its
     * place; the batch delivered again adds nothing. Seeded.
     */
    @Test
    void aBatchOfHundredsOnDaysWithEventsDecidesAsOneAtATime() {
        Random random = new Random(15);
        AttendanceFixture sequential = new AttendanceFixture(jdbc, 5);
        AttendanceFixture batched = new AttendanceFixture(jdbc, 5);
        List<UUID> seqPeople = new ArrayList<>();
        List<UUID> batchPeople = new ArrayList<>();
        for (int p = 0; p < 30; p++) {
            seqPeople.add(sequential.user("P" + p, "Ops"));
            batchPeople.add(batched.user("P" + p, "Ops"));
        }
        List<UUID> seqCameras = new ArrayList<>();
        List<UUID> batchCameras = new ArrayList<>();
        for (String direction : List.of("ENTRY", "EXIT", "BOTH")) {
            seqCameras.add(sequential.camera(direction));
            batchCameras.add(batched.camera(direction));
        }
        // within the last three hours (never the future), seconds apart: repeats, ties of a minute and late ones
        Instant base = Instant.now().minusSeconds(3 * 3600).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        List<Sighting> seqSightings = new ArrayList<>();
        List<Sighting> batchSightings = new ArrayList<>();
        for (int i = 0; i < 560; i++) {
            int person = random.nextInt(30);
            int camera = random.nextInt(3);
            Instant at = base.plusSeconds(random.nextInt(3 * 3600 - 60));
            seqSightings.add(sequential.sighting(seqPeople.get(person), seqCameras.get(camera), at));
            batchSightings.add(batched.sighting(batchPeople.get(person), batchCameras.get(camera), at));
        }
        // the days before the batch: the first 100, one at a time in both organizations
        seqSightings.forEach(mark::mark);
        batchSightings.subList(0, 100).forEach(mark::mark);
        List<Sighting> batch = new ArrayList<>(batchSightings.subList(100, 560));
        batch.add(200, new Sighting(UUID.randomUUID(), batched.org, UUID.randomUUID(), null, Instant.now().minusSeconds(60),
                0.9, io.rollcall.attendance.AttendanceSource.API));

        List<Outcome> outcomes = mark.markAll(batch);

        assertThat(outcomes).hasSize(461);
        assertThat(((Outcome.Rejected) outcomes.get(200)).reason()).contains("is not a user of organization " + batched.org);
        assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Accepted).hasSize(460);
        assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Accepted a && a.entry().repeat())
                .as("the repeat window is exercised").hasSizeGreaterThan(20);
        for (int p = 0; p < 30; p++) {
            assertThat(logTypes(batchPeople.get(p))).as("person %d", p).isEqualTo(logTypes(seqPeople.get(p)));
            assertThat(reports.personToday(batched.org, batchPeople.get(p), Instant.now()).events())
                    .as("person %d in Redis", p).extracting(DayEvent::time)
                    .isEqualTo(reports.personToday(sequential.org, seqPeople.get(p), Instant.now()).events()
                            .stream().map(DayEvent::time).toList());
        }

        List<Outcome> again = mark.markAll(batch);
        assertThat(again).filteredOn(o -> o instanceof Outcome.Duplicate).hasSize(460);
        assertThat(again.get(200)).isInstanceOf(Outcome.Rejected.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM attendance_logs WHERE organization_id = ?",
                Integer.class, batched.org)).isEqualTo(560);
    }

    @Test
    void aRedisThatForgotItsScriptsStillGetsTheBatch() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        UUID dee = f.user("Dee", "Ops");
        UUID entry = f.camera("ENTRY");
        mark.markAll(List.of(f.sighting(dee, entry, f.today(8))));

        redis.sync().scriptFlush();   // what a Redis restart or failover looks like to a loaded script
        mark.markAll(List.of(f.sighting(dee, f.camera("EXIT"), f.today(12))));

        assertThat(reports.personToday(f.org, dee, Instant.now()).lastOut()).isEqualTo(f.today(12));
    }

    private static List<List<Sighting>> batches(List<Sighting> all, List<int[]> stream,
                                                java.util.function.IntPredicate person, Random random) {
        List<Sighting> mine = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (person.test(stream.get(i)[0])) {
                mine.add(all.get(i));
            }
        }
        List<List<Sighting>> batches = new ArrayList<>();
        for (int from = 0; from < mine.size(); ) {
            int size = 1 + random.nextInt(10);
            batches.add(new ArrayList<>(mine.subList(from, Math.min(mine.size(), from + size))));
            from += size;
        }
        return batches;
    }

    private List<String> logTypes(UUID user) {
        return jdbc.queryForList("SELECT event_type || CASE WHEN is_repeat THEN '*' ELSE '' END FROM attendance_logs "
                + "WHERE user_id = ? ORDER BY event_time, id", String.class, user);
    }
}
