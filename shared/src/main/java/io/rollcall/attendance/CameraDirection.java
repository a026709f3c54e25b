package io.rollcall.attendance;

/** cameras.direction: which way people pass the camera. */
public enum CameraDirection { ENTRY, EXIT, BOTH }
