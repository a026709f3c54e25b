package io.rollcall.notifications;

import java.util.UUID;

/** The one thing RollCall needs of an SMS provider. Swap the implementation to change provider. */
public interface SmsGateway {

    /** Sends one delivery; its id goes to the provider as the idempotency key, so a resend is not a second SMS. */
    void send(UUID deliveryId, String phoneNumber, String text) throws DeliveryException;
}
