package io.rollcall.faces.imports;

import java.time.Instant;
import java.util.UUID;

/** A bulk enrollment: who started it, where its two files are, and how far it got. */
public record ImportJob(UUID id, UUID organizationId, UUID createdBy, State state, String peopleKey, String photosKey,
                        Integer totalRows, String error, Instant createdAt, Instant startedAt, Instant finishedAt) {

    public enum State {
        /** Created; the CSV and the zip are being uploaded. */
        WAITING_FOR_FILES,
        /** Started by an ADMIN; the next runImports run takes it. */
        QUEUED,
        /** A runner holds it (or held it and stopped: its lease expires and another resumes it). */
        RUNNING,
        /** Every row has its result and the index is published. */
        DONE,
        /** A file could not be read at all; {@code error} says why. No row was imported. */
        FAILED
    }
}
