package io.rollcall.functions.attendance;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.rollcall.attendance.FlushDailyAttendance;
import org.springframework.stereotype.Component;

/**
 * flushDailyAttendance, hourly: every organization's closed days (before today in its own time zone) that still
 * have unflushed logs, missed days included. Hourly because an organization's day ends at its own midnight.
 */
@Component("flushDailyAttendance")
public class FlushDailyAttendanceFunction implements Function<ScheduledEvent, FlushDailyAttendanceFunction.Summary> {

    /** What one run did. */
    public record Summary(int days, int records, List<FlushDailyAttendance.FlushedDay> flushed) {
    }

    private final FlushDailyAttendance flush;

    public FlushDailyAttendanceFunction(FlushDailyAttendance flush) {
        this.flush = flush;
    }

    @Override
    public Summary apply(ScheduledEvent event) {
        List<FlushDailyAttendance.FlushedDay> flushed = flush.flushClosedDays(Instant.now(), Integer.MAX_VALUE);
        return new Summary(flushed.size(), flushed.stream().mapToInt(FlushDailyAttendance.FlushedDay::records).sum(), flushed);
    }
}
