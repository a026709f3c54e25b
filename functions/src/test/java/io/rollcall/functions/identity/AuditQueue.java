package io.rollcall.functions.identity;

import java.util.ArrayList;
import java.util.List;

import io.rollcall.testing.TestEnvironment;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the test audit queue: the records the API under test sent (tests run one at a time). */
public final class AuditQueue {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final List<JsonNode> seen = new ArrayList<>();

    private AuditQueue() {
    }

    /** The record with this action and entity id, reading (and deleting) what is on the queue until it comes. */
    public static JsonNode find(String action, String entityId) {
        return find(action, entityId, null);
    }

    /** As {@link #find(String, String)}, of one organization (null: any). */
    public static synchronized JsonNode find(String action, String entityId, java.util.UUID organizationId) {
        TestEnvironment env = TestEnvironment.install();
        try (SqsClient sqs = env.sqs()) {
            for (int attempt = 0; attempt < 20; attempt++) {
                for (JsonNode record : seen) {
                    if (action.equals(record.path("action").asString()) && entityId.equals(record.path("entityId").asString())
                            && (organizationId == null || organizationId.toString().equals(record.path("organizationId").asString()))) {
                        return record;
                    }
                }
                var messages = sqs.receiveMessage(r -> r.queueUrl(env.queueUrl("audit")).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                for (var message : messages) {
                    seen.add(json.readTree(message.body()));
                    sqs.deleteMessage(r -> r.queueUrl(env.queueUrl("audit")).receiptHandle(message.receiptHandle()));
                }
            }
        }
        throw new AssertionError("no audit record " + action + " for " + entityId + " on the audit queue");
    }
}
