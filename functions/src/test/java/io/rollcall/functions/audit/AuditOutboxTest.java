package io.rollcall.functions.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditOutbox;
import io.rollcall.audit.AuditTrail;
import io.rollcall.functions.FunctionTest;
import io.rollcall.functions.identity.AuditQueue;
import io.rollcall.platform.Queues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.json.JsonMapper;

/** The audit trail's outbox: a record commits or rolls back with its change, and waits out a queue outage. */
class AuditOutboxTest extends FunctionTest {

    @Autowired AuditTrail audit;
    @Autowired AuditOutbox outbox;
    @Autowired JdbcTemplate jdbc;
    @Autowired JdbcClient jdbcClient;
    @Autowired PlatformTransactionManager transactions;
    @Autowired SqsClient sqs;
    @Autowired JsonMapper json;

    @Test
    void aRecordRollsBackWithTheChangeItRecords() {
        UUID org = UUID.randomUUID();
        String entity = UUID.randomUUID().toString();
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            audit.record(Actor.platform(org), AuditAction.CONFIG_UPDATED, entity);
            throw new IllegalStateException("the change fails after auditing");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_outbox WHERE record->>'entityId' = ?", Integer.class, entity)).isZero();
        // and a committed one is relayed to the queue at the commit, leaving nothing behind
        new TransactionTemplate(transactions).executeWithoutResult(status ->
                audit.record(Actor.platform(org), AuditAction.CONFIG_UPDATED, entity));
        assertThat(AuditQueue.find(AuditAction.CONFIG_UPDATED.name(), entity, org).get("id").asString()).isNotBlank();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_outbox WHERE record->>'entityId' = ?", Integer.class, entity)).isZero();
    }

    @Test
    void withTheQueueDownTheChangeStillSucceedsAndItsRecordWaitsForTheRelay() {
        UUID org = UUID.randomUUID();
        String entity = UUID.randomUUID().toString();
        String nowhere = "http://127.0.0.1:1/000000000000/no-such-queue";
        AuditTrail queueDown = new AuditTrail(new AuditOutbox(jdbcClient, new Queues(sqs, json, nowhere, nowhere, nowhere), json));

        queueDown.record(Actor.platform(org), AuditAction.LOGIN_SUCCEEDED, entity); // does not throw: a login goes on

        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_outbox WHERE record->>'entityId' = ?", Integer.class, entity)).isOne();
        assertThat(outbox.relayWaiting(Duration.ZERO, 1000)).isPositive(); // the schedule, once the queue is back
        assertThat(AuditQueue.find(AuditAction.LOGIN_SUCCEEDED.name(), entity, org)).isNotNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_outbox WHERE record->>'entityId' = ?", Integer.class, entity)).isZero();
    }

    @Test
    void aBulkJobsRecordsCommitWithEachChangeAndReachTheQueueTogetherAtItsEnd() {
        UUID org = UUID.randomUUID();
        List<String> entities = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        String rolledBack = UUID.randomUUID().toString();

        int waitingInside = audit.relayingTogether(() -> {
            for (String entity : entities) {
                new TransactionTemplate(transactions).executeWithoutResult(status ->
                        audit.record(Actor.platform(org), AuditAction.USER_CREATED, entity));
            }
            audit.record(Actor.platform(org), AuditAction.FACE_ENROLLED, entities.get(0)); // outside a transaction too
            assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                audit.record(Actor.platform(org), AuditAction.USER_CREATED, rolledBack);
                throw new IllegalStateException("this person fails");
            })).isInstanceOf(IllegalStateException.class);
            return waiting(org);
        });

        assertThat(waitingInside).isEqualTo(4); // committed, not yet relayed: a crash here leaves them to the schedule
        assertThat(waiting(org)).isZero();
        for (String entity : entities) {
            assertThat(AuditQueue.find(AuditAction.USER_CREATED.name(), entity, org)).isNotNull();
        }
        assertThat(AuditQueue.find(AuditAction.FACE_ENROLLED.name(), entities.get(0), org)).isNotNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_outbox WHERE record->>'entityId' = ?", Integer.class, rolledBack)).isZero();
    }

    private int waiting(UUID org) {
        return jdbc.queryForObject("SELECT count(*) FROM audit_outbox WHERE record->>'organizationId' = ?", Integer.class, org.toString());
    }
}
