package io.rollcall.identity.cameras;

import java.time.Instant;
import java.util.UUID;

/**
 * A camera of an organization. {@code keyActive}: it has an API key that is not revoked (the key itself is never
 * kept). {@code lastFrameAt}: when it last sent a frame that was processed, or null.
 */
public record Camera(UUID id, UUID organizationId, String name, Direction direction, boolean active, boolean keyActive,
                     Instant createdAt, Instant updatedAt, Instant lastFrameAt) {

    /** Which way the people it sees are going. */
    public enum Direction { ENTRY, EXIT, BOTH }
}
