package io.rollcall.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.rollcall.platform.Queues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * audit_outbox: audit records written with the change they record (in its transaction, when there is one), then
 * relayed to the audit queue after the commit. The queue being down costs nothing but a delay: the rows wait for
 * the next relay, and recordAudit writes each record once whatever the number of deliveries (its id).
 */
@Repository
public class AuditOutbox {

    private static final Logger log = LoggerFactory.getLogger(AuditOutbox.class);

    /** Records relayed in one go at most (the query's IN list; the queue takes them ten at a time). */
    private static final int RELAY_CHUNK = 500;

    private final ThreadLocal<List<UUID>> deferred = new ThreadLocal<>();
    private final JdbcClient jdbc;
    private final Queues queues;
    private final JsonMapper json;

    public AuditOutbox(JdbcClient jdbc, Queues queues, JsonMapper json) {
        this.jdbc = jdbc;
        this.queues = queues;
        this.json = json;
    }

    /** Writes the records with the caller's transaction (or alone), and relays them once that commits. */
    void add(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return; // nothing to relay (a batch that changed nothing)
        }
        for (AuditRecord record : records) {
            jdbc.sql("INSERT INTO audit_outbox (id, record) VALUES (?, CAST(? AS JSONB))")
                    .params(record.id(), json.writeValueAsString(record)).update();
        }
        List<UUID> ids = records.stream().map(AuditRecord::id).toList();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relayOrDefer(ids);
                }
            });
        } else {
            relayOrDefer(ids);
        }
    }

    /**
     * Runs {@code work}, relaying the records it commits together when it ends instead of one queue call per change
     * (a bulk job's many small transactions). A crash before the end leaves them to the relay schedule, as a queue
     * outage would.
     */
    <T> T relayingTogether(Supplier<T> work) {
        if (deferred.get() != null) {
            return work.get();
        }
        List<UUID> ids = new ArrayList<>();
        deferred.set(ids);
        try {
            return work.get();
        } finally {
            deferred.remove();
            for (int from = 0; from < ids.size(); from += RELAY_CHUNK) {
                relay(ids.subList(from, Math.min(from + RELAY_CHUNK, ids.size())));
            }
        }
    }

    private void relayOrDefer(List<UUID> ids) {
        List<UUID> later = deferred.get();
        if (later != null) {
            later.addAll(ids);
        } else {
            relay(ids);
        }
    }

    /** Relays what waited longer than {@code olderThan} (left by a queue outage or a crash); returns how many. */
    public int relayWaiting(Duration olderThan, int max) {
        List<UUID> ids = jdbc.sql("SELECT id FROM audit_outbox WHERE created_at < now() - make_interval(secs => ?) ORDER BY created_at LIMIT ?")
                .params(olderThan.toSeconds(), max).query(UUID.class).list();
        return ids.isEmpty() ? 0 : relay(ids);
    }

    /** Sends the records to the audit queue and deletes them; on failure they stay for the next relay. */
    private int relay(List<UUID> ids) {
        try {
            List<String> bodies = new ArrayList<>();
            jdbc.sql("SELECT record::text FROM audit_outbox WHERE id IN (:ids)").param("ids", ids)
                    .query(String.class).list().forEach(bodies::add);
            queues.sendAll(Queues.Name.AUDIT, bodies.stream().map(b -> (Object) json.readTree(b)).toList());
            jdbc.sql("DELETE FROM audit_outbox WHERE id IN (:ids)").param("ids", ids).update();
            return bodies.size();
        } catch (RuntimeException e) {
            // the change is done and its record kept: the relayAuditOutbox schedule sends it later
            log.warn("audit outbox: {} record(s) wait for the next relay: {}", ids.size(), e.toString());
            return 0;
        }
    }
}
