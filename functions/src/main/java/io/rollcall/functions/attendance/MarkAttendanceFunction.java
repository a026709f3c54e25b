package io.rollcall.functions.attendance;

import java.time.Instant;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.rollcall.attendance.MarkAttendance;
import io.rollcall.attendance.Sighting;
import io.rollcall.functions.sqs.SqsBatch;
import io.rollcall.functions.sqs.SqsBatches;
import io.rollcall.platform.Queues;
import org.springframework.stereotype.Component;

/**
 * markAttendance: each sighting of the batch on its own. A bad one (not JSON, another organization's or an
 * unknown/deleted user, a time in the future, an unknown camera) is dead-lettered with its reason; a failure of
 * Postgres or Redis is retried (the policy: {@link SqsBatch}).
 */
@Component("markAttendance")
public class MarkAttendanceFunction implements Function<SQSEvent, SQSBatchResponse> {

    private final MarkAttendance markAttendance;
    private final SqsBatches batches;

    public MarkAttendanceFunction(MarkAttendance markAttendance, SqsBatches batches) {
        this.markAttendance = markAttendance;
        this.batches = batches;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        Instant now = Instant.now();
        SqsBatch<Sighting> batch = batches.parse(Queues.Name.ATTENDANCE, event, Sighting.class, s -> s.problems(now));
        batch.forEach(Sighting::organizationId, item -> {
            if (markAttendance.mark(item.value()) instanceof MarkAttendance.Outcome.Rejected rejected) {
                batch.reject(item, rejected.reason());
            }
        });
        return batch.response();
    }
}
