package io.rollcall.faces.privacy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import io.rollcall.faces.enrollment.BiometricLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * BIPA-style retention: the template of a person not seen (no attendance log, no sighting) for the
 * organization's {@code retention.inactive_templates_days} is erased - images, embeddings, index entries and
 * every snapshot holding them, one index change per organization per run. "Seen" starts at the newest
 * enrollment, so a person enrolled last week is not inactive for lack of attendance. Their consent stays
 * open: it was not withdrawn, and re-enrolling them needs no new one. Audited as BIOMETRICS_ERASED by the system.
 */
@Service
public class EraseInactiveTemplates {

    private static final Logger log = LoggerFactory.getLogger(EraseInactiveTemplates.class);

    private final JdbcClient jdbc;
    private final ConfigStore config;
    private final BiometricLifecycle lifecycle;
    private final AuditTrail audit;
    private final TransactionTemplate tx;

    public EraseInactiveTemplates(JdbcClient jdbc, ConfigStore config, BiometricLifecycle lifecycle, AuditTrail audit,
                                  PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.config = config;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Erases the templates of every organization's inactive people; returns how many people's. */
    public long erase(Instant now) {
        long people = 0;
        for (UUID organizationId : jdbc.sql("SELECT DISTINCT organization_id FROM face_embeddings").query(UUID.class).list()) {
            try {
                people += eraseIn(organizationId, now);
            } catch (RuntimeException e) {
                // one organization's failure (S3 down, a lock timeout) must not keep the others' data: next run
                log.warn("retention: could not erase the inactive templates of {}: {}", organizationId, e.toString());
            }
        }
        return people;
    }

    long eraseIn(UUID organizationId, Instant now) {
        int days = config.organization(organizationId, ConfigKeys.INACTIVE_TEMPLATE_RETENTION_DAYS);
        Timestamp cutoff = Timestamp.from(now.minus(Duration.ofDays(days)));
        List<UUID> inactive = jdbc.sql("""
                SELECT e.user_id FROM face_embeddings e
                WHERE e.organization_id = :org
                GROUP BY e.user_id
                HAVING max(e.created_at) < :cutoff
                   AND NOT EXISTS (SELECT 1 FROM attendance_logs l
                                   WHERE l.organization_id = :org AND l.user_id = e.user_id AND l.event_time >= :cutoff)""")
                .param("org", organizationId).param("cutoff", cutoff).query(UUID.class).list();
        if (inactive.isEmpty()) {
            return 0;
        }
        BiometricLifecycle.Erased erased = tx.execute(status -> {
            BiometricLifecycle.Erased e = lifecycle.erase(organizationId, inactive);
            audit.recordAll(Actor.system(organizationId), AuditAction.BIOMETRICS_ERASED,
                    inactive.stream().map(UUID::toString).toList());
            return e;
        });
        log.info("retention: erased the templates of {} people of {} inactive for {} days ({} images, {} vectors)",
                inactive.size(), organizationId, days, erased.images(), erased.vectors());
        return inactive.size();
    }
}
