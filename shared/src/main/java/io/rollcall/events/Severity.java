package io.rollcall.events;

/** How urgently operators should look at an event. */
public enum Severity { INFO, WARNING, CRITICAL }
