package io.rollcall.functions.sqs;

import java.util.Collection;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.rollcall.platform.DeadLetters;
import io.rollcall.platform.Queues;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.json.JsonMapper;

/** Where every queue consumer gets its {@link SqsBatch}: the same parsing and the same bad-message policy. */
@Component
public class SqsBatches {

    private final JsonMapper json;
    private final DeadLetters deadLetters;
    private final SqsClient sqs;
    private final Queues queues;

    public SqsBatches(JsonMapper json, DeadLetters deadLetters, SqsClient sqs, Queues queues) {
        this.json = json;
        this.deadLetters = deadLetters;
        this.sqs = sqs;
        this.queues = queues;
    }

    /**
     * Parses every message of {@code queue}'s batch as {@code type}; a message that does not parse, or whose
     * value has {@code problems} (empty when it is fine), is rejected to the dead-letter queue at once.
     */
    public <T> SqsBatch<T> parse(Queues.Name queue, SQSEvent event, Class<T> type,
                                 Function<T, ? extends Collection<String>> problems) {
        return SqsBatch.parse(queue, event, type, problems, json, deadLetters, sqs, queues);
    }
}
