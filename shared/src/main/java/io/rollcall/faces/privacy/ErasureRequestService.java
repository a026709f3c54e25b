package io.rollcall.faces.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import io.rollcall.faces.enrollment.BiometricLifecycle;
import io.rollcall.faces.enrollment.FaceImages;
import io.rollcall.faces.privacy.ErasureRequests.ErasureRequest;
import io.rollcall.faces.privacy.ErasureRequests.Status;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person's request that their biometric data be erased, and an ADMIN's decision: executed (images, template,
 * index entries and every snapshot holding them erased, the open consent withdrawn, in one transaction) or
 * refused with a reason. Each step audited here; the request's trail is read back from audit_logs.
 */
@Service
public class ErasureRequestService {

    /** A request with its trail, for the ADMIN's detail view. */
    public record Detail(ErasureRequest request, List<ErasureTrail.Entry> trail) {
    }

    /** A page of requests. */
    public record Page(List<ErasureRequest> items, int page, int size, long total) {
    }

    private final ErasureRequests requests;
    private final BiometricConsents consents;
    private final FaceImages images;
    private final BiometricLifecycle lifecycle;
    private final ErasureTrail trails;
    private final AuditTrail audit;
    private final TransactionTemplate tx;

    public ErasureRequestService(ErasureRequests requests, BiometricConsents consents, FaceImages images,
                                 BiometricLifecycle lifecycle, ErasureTrail trails, AuditTrail audit,
                                 PlatformTransactionManager transactions) {
        this.requests = requests;
        this.consents = consents;
        this.images = images;
        this.lifecycle = lifecycle;
        this.trails = trails;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
    }

    /** The actor asks for their own biometric data to be erased; one request may wait at a time. */
    public ErasureRequest request(Actor actor, String reason) {
        if (reason != null && reason.length() > 500) {
            throw PrivacyException.invalid("reason", "at most 500 characters");
        }
        UUID organizationId = actor.organizationId();
        return tx.execute(status -> {
            images.person(organizationId, actor.userId()).orElseThrow(() -> PrivacyException.notFound("user " + actor.userId()));
            UUID id = UUID.randomUUID();
            if (!requests.insert(organizationId, id, actor.userId(), reason == null || reason.isBlank() ? null : reason.trim())) {
                throw PrivacyException.requestPending();
            }
            audit.record(actor, AuditAction.ERASURE_REQUESTED, id);
            return requests.find(organizationId, id).orElseThrow();
        });
    }

    public Page list(UUID organizationId, Status status, int page, int size) {
        return new Page(requests.page(organizationId, status, page, size), page, size, requests.count(organizationId, status));
    }

    public Detail get(UUID organizationId, UUID id) {
        ErasureRequest request = find(organizationId, id);
        return new Detail(request, trails.of(organizationId, request));
    }

    /** The request's trail as CSV. */
    public String trailCsv(UUID organizationId, UUID id) {
        return ErasureTrail.csv(trails.of(organizationId, find(organizationId, id)));
    }

    /** Erases the person's biometric data and withdraws their open consent; the request becomes EXECUTED. */
    public ErasureRequest execute(Actor actor, UUID id) {
        UUID organizationId = actor.organizationId();
        return tx.execute(status -> {
            ErasureRequest request = pending(organizationId, id);
            Instant now = Instant.now();
            boolean withdrew = consents.withdraw(organizationId, request.userId(), now, actor.userId(),
                    "erasure request " + id).isPresent();
            BiometricLifecycle.Erased erased = lifecycle.erase(organizationId, List.of(request.userId()));
            requests.executed(organizationId, id, now, actor.userId(), erased.images(), erased.vectors());
            if (withdrew) {
                audit.record(actor, AuditAction.CONSENT_WITHDRAWN, request.userId());
            }
            audit.record(actor, AuditAction.BIOMETRICS_ERASED, request.userId());
            audit.record(actor, AuditAction.ERASURE_EXECUTED, id);
            return requests.find(organizationId, id).orElseThrow();
        });
    }

    /** Refuses the request, saying why (the person sees the reason). */
    public ErasureRequest refuse(Actor actor, UUID id, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw PrivacyException.invalid("reason", "is required, at most 500 characters");
        }
        UUID organizationId = actor.organizationId();
        return tx.execute(status -> {
            pending(organizationId, id);
            requests.refused(organizationId, id, Instant.now(), actor.userId(), reason.trim());
            audit.record(actor, AuditAction.ERASURE_REFUSED, id);
            return requests.find(organizationId, id).orElseThrow();
        });
    }

    private ErasureRequest find(UUID organizationId, UUID id) {
        return requests.find(organizationId, id).orElseThrow(() -> PrivacyException.notFound("erasure request " + id));
    }

    private ErasureRequest pending(UUID organizationId, UUID id) {
        ErasureRequest request = requests.lock(organizationId, id)
                .orElseThrow(() -> PrivacyException.notFound("erasure request " + id));
        if (request.status() != Status.PENDING) {
            throw PrivacyException.alreadyDecided(id, request.status().name());
        }
        return request;
    }
}
