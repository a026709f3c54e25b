package io.rollcall.notifications;

/** Where a notification goes (notifications.channel). */
public enum Channel { EMAIL, SMS, DASHBOARD }
