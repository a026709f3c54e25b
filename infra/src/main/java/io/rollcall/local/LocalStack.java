package io.rollcall.local;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's queues (dead-letter queues first, then the queues that redrive into them) and buckets, created
 * on the emulators; and the values !Ref / !GetAtt / !Sub resolve to for this local stack.
 */
public final class LocalStack {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final Map<String, String> queueUrls = new LinkedHashMap<>();
    private final Map<String, String> queueArns = new LinkedHashMap<>();
    private final Map<String, String> bucketNames = new LinkedHashMap<>();
    private final Resolver resolver;

    private LocalStack(Resolver resolver) {
        this.resolver = resolver;
    }

    static LocalStack provision(SamTemplate template, LocalSettings settings, SqsClient sqs, S3Client s3) {
        Map<String, String> values = new HashMap<>(template.parameterDefaults());
        values.putAll(settings.parameters());
        values.put("AWS::StackName", settings.stackName());
        values.put("AWS::Region", settings.region());
        values.put("AWS::AccountId", LocalRuntime.ACCOUNT_ID);
        values.put("AWS::URLSuffix", "amazonaws.com");
        values.put("AWS::Partition", "aws");
        Resolver names = new Resolver(values);
        LocalStack stack = new LocalStack(names);

        // dead-letter queues before the queues whose redrive policy names them
        List<SamTemplate.QueueSpec> ordered = template.queues().stream()
                .sorted((a, b) -> Boolean.compare(a.deadLetterQueueLogicalId() != null, b.deadLetterQueueLogicalId() != null))
                .toList();
        for (SamTemplate.QueueSpec queue : ordered) {
            String name = queue.name() == null ? settings.stackName() + "-" + queue.logicalId() : names.resolve(queue.name());
            Map<QueueAttributeName, String> attributes = new HashMap<>();
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(queue.visibilityTimeout()));
            if (queue.deadLetterQueueLogicalId() != null) {
                attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + stack.queueArn(queue.deadLetterQueueLogicalId())
                        + "\",\"maxReceiveCount\":\"" + queue.maxReceiveCount() + "\"}");
            }
            String url = sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
            String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            stack.queueUrls.put(queue.logicalId(), url);
            stack.queueArns.put(queue.logicalId(), arn);
            values.put(queue.logicalId(), url);
            values.put(queue.logicalId() + ".Arn", arn);
            values.put(queue.logicalId() + ".QueueName", name);
            values.put(queue.logicalId() + ".QueueUrl", url);
        }
        for (SamTemplate.BucketSpec bucket : template.buckets()) {
            String name = names.resolve(bucket.name());
            try {
                s3.headBucket(r -> r.bucket(name));
            } catch (NoSuchBucketException e) {
                try {
                    s3.createBucket(r -> r.bucket(name));
                } catch (BucketAlreadyOwnedByYouException ignored) {
                    // created concurrently: fine
                }
            }
            stack.bucketNames.put(bucket.logicalId(), name);
            values.put(bucket.logicalId(), name);
            values.put(bucket.logicalId() + ".Arn", "arn:aws:s3:::" + name);
        }
        values.put("HttpApi", "local");
        log.info("provisioned queues {} and buckets {}", stack.queueUrls.values(), stack.bucketNames.values());
        return stack;
    }

    public Resolver resolver() {
        return resolver;
    }

    public String queueUrl(String logicalId) {
        return require(queueUrls, logicalId);
    }

    public String queueArn(String logicalId) {
        return require(queueArns, logicalId);
    }

    public String bucketName(String logicalId) {
        return require(bucketNames, logicalId);
    }

    private static String require(Map<String, String> values, String logicalId) {
        String value = values.get(logicalId);
        if (value == null) {
            throw new IllegalArgumentException("the template has no such resource: " + logicalId);
        }
        return value;
    }
}
