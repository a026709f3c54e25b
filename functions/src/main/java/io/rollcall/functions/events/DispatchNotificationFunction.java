package io.rollcall.functions.events;

import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.springframework.stereotype.Component;

/** dispatchNotification: not built yet (the events and notifications issue). Reports every message failed, so the queue keeps them and nothing is lost. */
@Component("dispatchNotification")
public class DispatchNotificationFunction implements Function<SQSEvent, SQSBatchResponse> {

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        return new SQSBatchResponse(event.getRecords().stream()
                .map(m -> new SQSBatchResponse.BatchItemFailure(m.getMessageId())).toList());
    }
}
