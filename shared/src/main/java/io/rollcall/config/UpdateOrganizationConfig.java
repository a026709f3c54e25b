package io.rollcall.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** An ADMIN sets (or, with null, resets) keys of their organization's configuration: all or none, each key audited. */
@Service
public class UpdateOrganizationConfig {

    private final ConfigStore config;
    private final AuditTrail audit;

    private final TransactionTemplate transactions;

    public UpdateOrganizationConfig(ConfigStore config, AuditTrail audit, TransactionTemplate transactions) {
        this.config = config;
        this.audit = audit;
        this.transactions = transactions;
    }

    public void apply(Actor actor, Map<String, JsonNode> changes) {
        // the change and its records commit together (a crash between them left an unaudited change)
        transactions.executeWithoutResult(s -> {
            config.updateOrganization(actor.organizationId(), new LinkedHashMap<>(changes));
            audit.recordAll(actor, AuditAction.CONFIG_UPDATED, List.copyOf(changes.keySet()));
        });
    }
}
