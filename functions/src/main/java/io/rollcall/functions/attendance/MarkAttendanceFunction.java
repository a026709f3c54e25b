package io.rollcall.functions.attendance;

import java.time.Instant;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.rollcall.attendance.MarkAttendance;
import io.rollcall.attendance.Sighting;
import io.rollcall.functions.sqs.SqsBatch;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * markAttendance: each sighting of the batch on its own. A bad one (not JSON, another organization's or an
 * unknown/deleted user, a time in the future, an unknown camera) is logged with its reason and reported failed,
 * so SQS dead-letters it after the retries; a failure of Postgres or Redis is reported failed too and retried.
 */
@Component("markAttendance")
public class MarkAttendanceFunction implements Function<SQSEvent, SQSBatchResponse> {

    private final MarkAttendance markAttendance;
    private final JsonMapper json;

    public MarkAttendanceFunction(MarkAttendance markAttendance, JsonMapper json) {
        this.markAttendance = markAttendance;
        this.json = json;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        Instant now = Instant.now();
        SqsBatch<Sighting> batch = SqsBatch.parse("markAttendance", event, json, Sighting.class, s -> s.problems(now));
        for (SqsBatch.Item<Sighting> item : batch.items()) {
            try {
                if (markAttendance.mark(item.value()) instanceof MarkAttendance.Outcome.Rejected rejected) {
                    batch.fail(item.messageId(), rejected.reason());
                }
            } catch (RuntimeException e) {
                batch.fail(item.messageId(), "could not be recorded, will be retried: " + e);
            }
        }
        return batch.response();
    }
}
