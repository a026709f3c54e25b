package io.rollcall.functions.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.api.StatefulRedisConnection;
import io.rollcall.attendance.FlushDailyAttendance;
import io.rollcall.attendance.MarkAttendance;
import io.rollcall.attendance.TodayCache;
import io.rollcall.functions.FunctionTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class FlushDailyAttendanceTest extends FunctionTest {

    @Autowired FlushDailyAttendance flush;
    @Autowired MarkAttendance mark;
    @Autowired JdbcTemplate jdbc;
    @Autowired StatefulRedisConnection<String, String> redis;

    @Test
    void aClosedDayBecomesOneRecordPerPersonWithItsLogsLinkedAndItsRedisKeysRemoved() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        UUID ann = f.user("Ann", "Ops");
        UUID bob = f.user("Bob", "Ops");
        UUID entry = f.camera("ENTRY");
        UUID exit = f.camera("EXIT");
        mark.mark(f.sighting(ann, entry, f.today(1)));
        mark.mark(f.sighting(ann, entry, f.today(1.01)));  // repeat: not in the record
        mark.mark(f.sighting(ann, exit, f.today(3.5)));
        mark.mark(f.sighting(bob, entry, f.today(2)));
        assertThat(redis.sync().ttl(TodayCache.key(f.org, ann))).as("outlives the day by the grace")
                .isGreaterThan(48L * 3600);

        // tomorrow, today is a closed day
        Instant tomorrow = Instant.now().plusSeconds(24 * 3600);
        List<FlushDailyAttendance.FlushedDay> flushed = flush.flushClosedDays(tomorrow, Integer.MAX_VALUE);
        assertThat(flushed).anySatisfy(d -> {
            assertThat(d.organizationId()).isEqualTo(f.org);
            assertThat(d.records()).isEqualTo(2);
        });
        Map<String, Object> annDay = record(ann, f.date());
        assertThat(annDay).containsEntry("total_minutes", 150).containsEntry("source", "CAMERA");
        assertThat(((java.sql.Timestamp) annDay.get("first_in_time")).toInstant()).isEqualTo(f.today(1));
        assertThat(((java.sql.Timestamp) annDay.get("last_out_time")).toInstant()).isEqualTo(f.today(3.5));
        assertThat(record(bob, f.date())).containsEntry("last_out_time", null).containsEntry("total_minutes", null);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM attendance_logs WHERE organization_id = ? AND attendance_id IS NULL",
                Integer.class, f.org)).isZero();
        // the flushed day is not today in real time: its keys stay for today's view; flushDay(today) proves the removal below
    }

    @Test
    void runningTwiceChangesNothingAndMissedDaysAreCaughtUp() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        UUID cid = f.user("Cid", "Ops");
        UUID dee = f.user("Dee", "Ops");
        LocalDate d3 = f.date().minusDays(3);
        LocalDate d2 = f.date().minusDays(2);
        // days whose flush never ran (the function was down): unlinked logs
        log(f, cid, d3, "IN", 9);
        log(f, cid, d3, "OUT", 17);
        log(f, dee, d3, "IN", 10);
        log(f, cid, d2, "IN", 8);
        log(f, cid, d2, "OUT", 12.5);

        // a run that stopped after its first day (a crash): the other day is still there for the next run
        flush.flushDay(f.org, d3);
        assertThat(unlinked(f)).isEqualTo(2);
        flush.flushClosedDays(Instant.now(), Integer.MAX_VALUE);
        assertThat(unlinked(f)).isZero();
        List<Map<String, Object>> first = records(f);
        assertThat(first).extracting(r -> r.get("total_minutes")).containsExactly(480, null, 270);

        flush.flushDay(f.org, d3);
        flush.flushDay(f.org, d2);
        flush.flushClosedDays(Instant.now(), Integer.MAX_VALUE);
        assertThat(records(f)).isEqualTo(first);
    }

    @Test
    void aManualRecordKeepsItsTimesAndFlushingAClosedDayRemovesItsRedisKeys() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        UUID eve = f.user("Eve", "Ops");
        mark.mark(f.sighting(eve, f.camera("ENTRY"), f.today(2)));
        assertThat(redis.sync().exists(TodayCache.key(f.org, eve))).isEqualTo(1);
        jdbc.update("""
                INSERT INTO attendance_records (organization_id, user_id, attendance_date, first_in_time, source, reason)
                VALUES (?, ?, ?, ?, 'MANUAL', 'badge reader down')""", f.org, eve, f.date(),
                java.sql.Timestamp.from(f.today(1)));

        flush.flushDay(f.org, f.date());
        assertThat(record(eve, f.date())).containsEntry("source", "MANUAL");
        assertThat(((java.sql.Timestamp) record(eve, f.date()).get("first_in_time")).toInstant()).isEqualTo(f.today(1));
        assertThat(redis.sync().exists(TodayCache.key(f.org, eve))).as("today's key stays for the live view").isEqualTo(1);

        // the same key holding a closed day is removed by that day's flush
        UUID day = UUID.randomUUID();
        LocalDate yesterday = f.date().minusDays(1);
        log(f, eve, yesterday, "IN", 9, day);
        redis.sync().set(TodayCache.key(f.org, eve), "{\"date\":\"" + yesterday + "\",\"events\":[]}");
        flush.flushDay(f.org, yesterday);
        assertThat(redis.sync().exists(TodayCache.key(f.org, eve))).isZero();
    }

    private void log(AttendanceFixture f, UUID user, LocalDate date, String type, double hour) {
        log(f, user, date, type, hour, UUID.randomUUID());
    }

    private void log(AttendanceFixture f, UUID user, LocalDate date, String type, double hour, UUID id) {
        jdbc.update("""
                INSERT INTO attendance_logs (id, organization_id, user_id, attendance_date, event_type, event_time, confidence)
                VALUES (?, ?, ?, ?, ?, ?, 90)""", id, f.org, user, date, type,
                java.sql.Timestamp.from(date.atStartOfDay(f.zone).toInstant().plusSeconds((long) (hour * 3600))));
    }

    private int unlinked(AttendanceFixture f) {
        return jdbc.queryForObject("SELECT count(*) FROM attendance_logs WHERE organization_id = ? AND attendance_id IS NULL",
                Integer.class, f.org);
    }

    private Map<String, Object> record(UUID user, LocalDate date) {
        return jdbc.queryForMap("SELECT * FROM attendance_records WHERE user_id = ? AND attendance_date = ?", user, date);
    }

    private List<Map<String, Object>> records(AttendanceFixture f) {
        return jdbc.queryForList("""
                SELECT r.*, p.full_name FROM attendance_records r JOIN user_profiles p ON p.user_id = r.user_id
                WHERE r.organization_id = ? ORDER BY r.attendance_date, p.full_name""", f.org);
    }
}
