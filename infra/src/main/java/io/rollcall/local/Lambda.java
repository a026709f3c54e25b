package io.rollcall.local;

/** Invokes a function by its definition with an event's JSON, returning the response's JSON, as Lambda does. */
@FunctionalInterface
public interface Lambda {

    byte[] invoke(String function, byte[] event);
}
