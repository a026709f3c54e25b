package io.rollcall.faces.imports;

import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One person of an import and what became of them. {@code detail}: for an INVALID row the fields at fault, else one
 * entry per photo ({@code {"photo", "result": "enrolled"|"refused", "code", "reason"}}).
 */
public record ImportRow(int line, String username, Map<String, String> fields, Status status, UUID userId,
                        Boolean userCreated, int photosEnrolled, int photosFound, JsonNode detail) {

    public enum Status {
        /** Not processed yet. */
        PENDING,
        /** The person exists and at least one photo is enrolled. */
        ENROLLED,
        /** The person could not be created, or none of their photos could be enrolled ({@code detail} says why). */
        REFUSED,
        /** The CSV row itself is wrong ({@code detail} names the fields). */
        INVALID
    }
}
