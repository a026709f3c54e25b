package io.rollcall.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.rollcall.platform.DeadLetters;
import io.rollcall.testing.TestEnvironment;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Reads a test queue's dead-letter queue: the messages a test's consumer moved there, with their reasons. */
public final class DeadLetterQueue {

    private DeadLetterQueue() {
    }

    /**
     * Takes (receives and deletes) exactly {@code count} messages of {@code queue}'s dead-letter queue whose body
     * contains any of {@code markers}; other tests' messages are made visible again at once. Fails when they do
     * not all arrive.
     */
    public static List<Message> take(String queue, int count, String... markers) {
        List<Message> found = new ArrayList<>();
        TestEnvironment env = TestEnvironment.install();
        try (SqsClient sqs = env.sqs()) {
            String url = env.queueUrl(queue + "-dlq");
            // long polls of one second each: a bound, not a sleep
            for (int round = 0; round < 20 && found.size() < count; round++) {
                for (Message m : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                        .messageAttributeNames("All")).messages()) {
                    if (Arrays.stream(markers).anyMatch(m.body()::contains)) {
                        found.add(m);
                        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
                    } else {
                        sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
                    }
                }
            }
        }
        assertThat(found).as("dead letters of " + queue + " containing " + Arrays.toString(markers)).hasSize(count);
        return found;
    }

    /** The reasons the consumer gave, one per message. */
    public static List<String> reasons(List<Message> messages) {
        return messages.stream().map(m -> m.messageAttributes().get(DeadLetters.REASON_ATTRIBUTE).stringValue()).toList();
    }
}
