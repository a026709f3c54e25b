package io.rollcall.notifications;

import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** A reader marks one of their own DASHBOARD notifications read. */
@Service
public class MarkNotificationRead {

    private final NotificationRepository notifications;
    private final AuditTrail audit;

    private final TransactionTemplate transactions;

    public MarkNotificationRead(NotificationRepository notifications, AuditTrail audit, TransactionTemplate transactions) {
        this.notifications = notifications;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** False when the actor has no such notification. */
    public boolean markRead(Actor actor, UUID notificationId) {
        // the change and its record commit together
        return Boolean.TRUE.equals(transactions.execute(s -> {
            if (!notifications.markRead(actor.organizationId(), actor.userId(), notificationId)) {
                return false;
            }
            audit.record(actor, AuditAction.NOTIFICATION_READ, notificationId);
            return true;
        }));
    }
}
