package io.rollcall.notifications;

/** The one thing RollCall needs of an SMS provider. Swap the implementation to change provider. */
public interface SmsGateway {

    void send(String phoneNumber, String text) throws DeliveryException;
}
