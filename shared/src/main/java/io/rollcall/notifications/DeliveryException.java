package io.rollcall.notifications;

/** A delivery that did not happen; permanent ones (a refused address, a 4xx) are not retried. */
public class DeliveryException extends Exception {

    private final boolean permanent;

    public DeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
