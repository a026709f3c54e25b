package io.rollcall.faces.privacy;

/** How a person gave their consent: a signed paper form, at a kiosk, or in the console with an ADMIN. */
public enum ConsentMethod { PAPER, KIOSK, CONSOLE }
