package io.rollcall.functions.attendance;

import java.time.Instant;
import java.util.List;
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
 * markAttendance: the whole batch in one go (one transaction per organization). A bad one (not JSON, another organization's or an
 * unknown/deleted user, a time in the future, an unknown camera) is dead-lettered with its reason; a failure of
 * Postgres or Redis retries the batch (the policy: {@link SqsBatch}); sightings already logged then come back as
 * duplicates.
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
        batch.forAll(Sighting::organizationId, items -> {
            List<MarkAttendance.Outcome> outcomes = markAttendance.markAll(items.stream().map(SqsBatch.Item::value).toList());
            for (int i = 0; i < items.size(); i++) {
                if (outcomes.get(i) instanceof MarkAttendance.Outcome.Rejected rejected) {
                    batch.reject(items.get(i), rejected.reason());
                }
            }
        });
        return batch.response();
    }
}
