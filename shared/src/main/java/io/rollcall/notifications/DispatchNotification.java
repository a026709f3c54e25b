package io.rollcall.notifications;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.events.EventRepository;
import io.rollcall.events.RaisedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;

/**
 * One event, end to end: stored once, turned into one notification per channel and recipient of the
 * organization's route for its type, and every pending delivery attempted. Safe to run again for the same
 * event (a redelivered message): stored rows are found, SENT rows are never sent again.
 */
@Service("dispatchNotificationUseCase")  // "dispatchNotification" is the function bean
public class DispatchNotification {

    private static final Logger log = LoggerFactory.getLogger(DispatchNotification.class);
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    /** What the queue consumer must do with the message. */
    public sealed interface Outcome {
        /** Every delivery is SENT (or there was nothing to send). */
        record Done() implements Outcome {
        }

        /** Some deliveries failed and may pass later: redeliver after {@code delaySeconds}. */
        record Retry(int delaySeconds, String reason) implements Outcome {
        }

        /** Some deliveries failed for good: the message goes to the dead-letter queue with this reason. */
        record Failed(String reason) implements Outcome {
        }
    }

    private final EventRepository events;
    private final NotificationRepository notifications;
    private final ConfigStore config;
    private final OrganizationSettingsService settings;
    private final EmailSender email;
    private final SmsGateway sms;

    public DispatchNotification(EventRepository events, NotificationRepository notifications, ConfigStore config,
                                  OrganizationSettingsService settings, EmailSender email, SmsGateway sms) {
        this.events = events;
        this.notifications = notifications;
        this.config = config;
        this.settings = settings;
        this.email = email;
        this.sms = sms;
    }

    public Outcome dispatch(RaisedEvent event) {
        try {
            if (!events.store(event)) {
                log.debug("event {} already stored: resuming its deliveries", event.eventId());
            }
        } catch (DataIntegrityViolationException e) {
            if (e.getMostSpecificCause() instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                // the organization's key is the event's only reference: no redelivery will make it exist
                return new Outcome.Failed("organization " + event.organizationId() + " does not exist");
            }
            throw e;
        }
        NotificationRoute route = NotificationRoute.forType(
                config.organization(event.organizationId(), ConfigKeys.NOTIFICATION_ROUTES), event.type().name());
        createDeliveries(event, route);

        int maxAttempts = config.application(ConfigKeys.NOTIFICATION_MAX_ATTEMPTS);
        NotificationText text = NotificationText.of(event, settings.forOrganization(event.organizationId()).timeZone());
        List<String> retrying = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int highestAttempt = 0;
        for (Notification n : notifications.claimPending(event.eventId())) {
            try {
                if (n.channel() == Channel.EMAIL) {
                    email.send(n.id(), n.recipient(), text.subject(), text.body());
                } else if (n.channel() == Channel.SMS) {
                    sms.send(n.id(), n.recipient(), text.sms());
                }
                recordSent(n.id());
            } catch (DeliveryException e) {
                boolean last = e.permanent() || n.attempts() >= maxAttempts;
                notifications.markFailed(n.id(), e.getMessage(), last);
                String what = n.channel() + " to " + n.recipient() + " (attempt " + n.attempts() + "): " + e.getMessage();
                (last ? failed : retrying).add(what);
                highestAttempt = Math.max(highestAttempt, n.attempts());
            }
        }
        // the message is finished only when every delivery is: one that may still pass keeps it alive, even next to
        // one that failed for good, and so does one another sender holds (it may crash before marking it)
        NotificationRepository.Remaining remaining = notifications.remaining(event.eventId());
        int inFlight = remaining.inFlight();
        if (!retrying.isEmpty() || inFlight > 0) {
            int base = config.application(ConfigKeys.NOTIFICATION_BACKOFF_SECONDS);
            int delay = retrying.isEmpty() ? NotificationRepository.CLAIM_EXPIRY_SECONDS
                    : (int) Math.min(12 * 3600L, (long) base << Math.min(highestAttempt - 1, 20));
            List<String> reasons = new ArrayList<>(retrying);
            failed.forEach(f -> reasons.add("failed for good: " + f));
            if (inFlight > 0) {
                reasons.add(inFlight + " delivery(ies) in flight with another sender");
            }
            return new Outcome.Retry(delay, String.join("; ", reasons));
        }
        if (!failed.isEmpty()) {
            return new Outcome.Failed(String.join("; ", failed));
        }
        List<String> failedEarlier = remaining.failedForGood();
        return failedEarlier.isEmpty() ? new Outcome.Done() : new Outcome.Failed(String.join("; ", failedEarlier));
    }

    /**
     * The provider has the message: from here a lost UPDATE means sending it again once the claim expires, so a
     * database that is restarting or unreachable is waited for (within the function's 30 s timeout) rather than
     * given up on. Only a failure that may pass is retried; anything else is a defect and thrown at once.
     */
    private void recordSent(UUID id) {
        Failsafe.with(RECORD_SENT).run(() -> notifications.markSent(id));
    }

    static final RetryPolicy<Object> RECORD_SENT = RetryPolicy.builder()
            .handle(TransientDataAccessException.class, RecoverableDataAccessException.class, DataAccessResourceFailureException.class)
            .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(4))
            .withMaxDuration(Duration.ofSeconds(20))
            .withMaxRetries(-1)
            .onRetry(e -> log.warn("delivery sent, recording it failed (attempt {}), retrying: {}", e.getAttemptCount(),
                    e.getLastException().toString()))
            .build();

    /** One statement for every delivery of the route (the dashboard's rows included). */
    private void createDeliveries(RaisedEvent event, NotificationRoute route) {
        List<NotificationRepository.Delivery> deliveries = new ArrayList<>();
        for (Channel channel : route.channels()) {
            switch (channel) {
                case EMAIL -> route.emails().forEach(to -> deliveries.add(new NotificationRepository.Delivery(channel, to)));
                case SMS -> route.phones().forEach(to -> deliveries.add(new NotificationRepository.Delivery(channel, to)));
                case DASHBOARD -> { }
            }
        }
        notifications.ensureAll(event.organizationId(), event.eventId(), deliveries,
                route.channels().contains(Channel.DASHBOARD));
    }
}
