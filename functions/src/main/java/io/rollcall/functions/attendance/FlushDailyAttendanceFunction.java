package io.rollcall.functions.attendance;

import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import org.springframework.stereotype.Component;

/** flushDailyAttendance: not built yet (the attendance issue). Fails loudly rather than pretend to flush. */
@Component("flushDailyAttendance")
public class FlushDailyAttendanceFunction implements Function<ScheduledEvent, String> {

    @Override
    public String apply(ScheduledEvent event) {
        throw new UnsupportedOperationException("flushDailyAttendance is not built yet");
    }
}
