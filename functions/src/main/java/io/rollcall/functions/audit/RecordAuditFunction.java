package io.rollcall.functions.audit;

import java.util.List;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.rollcall.audit.AuditLogRepository;
import io.rollcall.audit.AuditRecord;
import io.rollcall.functions.sqs.SqsBatch;
import io.rollcall.functions.sqs.SqsBatches;
import io.rollcall.platform.Queues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.stereotype.Component;

/** recordAudit: the audit queue's batches become audit_logs rows in one batched insert. */
@Component("recordAudit")
public class RecordAuditFunction implements Function<SQSEvent, SQSBatchResponse> {

    private static final Logger log = LoggerFactory.getLogger(RecordAuditFunction.class);

    private final AuditLogRepository auditLogs;
    private final SqsBatches batches;

    public RecordAuditFunction(AuditLogRepository auditLogs, SqsBatches batches) {
        this.auditLogs = auditLogs;
        this.batches = batches;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        SqsBatch<AuditRecord> batch = batches.parse(Queues.Name.AUDIT, event, AuditRecord.class, AuditRecord::problems);
        try {
            auditLogs.insertAll(batch.values());
        } catch (RuntimeException batchFailure) {
            // one row the database refuses must not sink the others: insert them one by one
            log.warn("recordAudit: batch insert failed, inserting one by one: {}", batchFailure.getMessage());
            batch.forEach(AuditRecord::organizationId, item -> {
                try {
                    auditLogs.insertAll(List.of(item.value()));
                } catch (NonTransientDataAccessException e) {
                    batch.reject(item, "audit_logs refused the row: " + e.getMessage());
                }
            });
        }
        return batch.response();
    }
}
