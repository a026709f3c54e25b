package io.rollcall.functions.audit;

import java.util.List;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.rollcall.audit.AuditLogRepository;
import io.rollcall.audit.AuditRecord;
import io.rollcall.functions.sqs.SqsBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** recordAudit: the audit queue's batches become audit_logs rows in one batched insert. */
@Component("recordAudit")
public class RecordAuditFunction implements Function<SQSEvent, SQSBatchResponse> {

    private static final Logger log = LoggerFactory.getLogger(RecordAuditFunction.class);

    private final AuditLogRepository auditLogs;
    private final JsonMapper json;

    public RecordAuditFunction(AuditLogRepository auditLogs, JsonMapper json) {
        this.auditLogs = auditLogs;
        this.json = json;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        SqsBatch<AuditRecord> batch = SqsBatch.parse("recordAudit", event, json, AuditRecord.class, AuditRecord::problems);
        try {
            auditLogs.insertAll(batch.values());
        } catch (RuntimeException batchFailure) {
            // one row the database refuses must not sink the others: retry them one by one
            log.warn("recordAudit: batch insert failed, inserting one by one: {}", batchFailure.getMessage());
            for (SqsBatch.Item<AuditRecord> item : batch.items()) {
                try {
                    auditLogs.insertAll(List.of(item.value()));
                } catch (RuntimeException e) {
                    batch.fail(item.messageId(), "audit_logs refused the row: " + e.getMessage());
                }
            }
        }
        return batch.response();
    }
}
