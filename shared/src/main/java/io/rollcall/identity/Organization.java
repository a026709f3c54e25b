package io.rollcall.identity;

import java.time.Instant;
import java.util.UUID;

/** A tenant: everything else belongs to exactly one. */
public record Organization(UUID id, String code, String name, String legalName, boolean active,
                           Instant createdAt, Instant updatedAt) {
}
