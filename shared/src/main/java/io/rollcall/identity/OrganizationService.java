package io.rollcall.identity;

import java.util.List;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Organizations: an ADMIN reads, renames and deactivates their own; creating one is a platform operation. */
@Service
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final AuditTrail audit;
    /** Each change and its audit record commit together: a crash between them must not leave an unaudited change. */
    private final TransactionTemplate transactions;

    public OrganizationService(OrganizationRepository organizations, AuditTrail audit, TransactionTemplate transactions) {
        this.organizations = organizations;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** Whether the organization exists and is active: login and recognition both ask. */
    public boolean isActive(UUID organizationId) {
        return organizations.isActive(organizationId);
    }

    public Organization get(UUID organizationId) {
        return organizations.find(organizationId).orElseThrow(() -> IdentityException.notFound("organization"));
    }

    public Organization update(Actor actor, String name, String legalName) {
        new Fields().check("name", name == null || !name.isBlank(), "must not be blank")
                .maxLength("name", name, 255)
                .check("legalName", legalName == null || !legalName.isBlank(), "must not be blank")
                .maxLength("legalName", legalName, 255)
                .throwIfInvalid();
        return transactions.execute(status -> {
            Organization updated = organizations.update(actor.organizationId(), trim(name), trim(legalName))
                    .orElseThrow(() -> IdentityException.notFound("organization"));
            record(actor, AuditAction.ORGANIZATION_UPDATED);
            return updated;
        });
    }

    /** After this nobody of the organization can log in and recognition skips it. The code guards against a slip. */
    public void deactivate(Actor actor, String confirmCode) {
        Organization own = get(actor.organizationId());
        new Fields().required("code", confirmCode)
                .check("code", confirmCode == null || own.code().equals(confirmCode), "must repeat the organization's code")
                .throwIfInvalid();
        transactions.executeWithoutResult(status -> {
            organizations.setActive(own.id(), false);
            record(actor, AuditAction.ORGANIZATION_DEACTIVATED);
        });
    }

    /** Platform operation: a new, active organization with a unique, URL-safe code. */
    public Organization create(String code, String name, String legalName) {
        String legal = legalName == null || legalName.isBlank() ? name : legalName;
        new Fields().required("code", code).orgCode("code", code)
                .required("name", name).maxLength("name", name, 255)
                .maxLength("legalName", legal, 255)
                .throwIfInvalid();
        try {
            return transactions.execute(status -> {
                Organization created = organizations.insert(code, name.trim(), legal.trim());
                record(Actor.platform(created.id()), AuditAction.ORGANIZATION_CREATED);
                return created;
            });
        } catch (DuplicateKeyException e) {
            throw IdentityException.conflict("an organization with code " + code + " already exists");
        }
    }

    /** Platform operation: (re)activate or deactivate by code, e.g. to let a deactivated organization back in. */
    public Organization setActive(String code, boolean active) {
        Organization org = organizations.findByCode(code).orElseThrow(() -> IdentityException.notFound("organization"));
        return transactions.execute(status -> {
            organizations.setActive(org.id(), active);
            record(Actor.platform(org.id()), active ? AuditAction.ORGANIZATION_ACTIVATED : AuditAction.ORGANIZATION_DEACTIVATED);
            return get(org.id());
        });
    }

    public List<Organization> all() {
        return organizations.all();
    }

    private void record(Actor actor, AuditAction action) {
        audit.record(actor, action, actor.organizationId());
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
