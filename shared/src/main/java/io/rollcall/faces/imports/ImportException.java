package io.rollcall.faces.imports;

import java.util.Map;

import io.rollcall.domain.DomainException;

/** A bulk enrollment refused: a missing job, files not uploaded, a job that is not in the state asked for. */
public class ImportException extends DomainException {

    private ImportException(Kind kind, String code, String message, Map<String, String> fields) {
        super(kind, code, message, fields);
    }

    public static ImportException notFound() {
        return new ImportException(Kind.NOT_FOUND, null, "import not found", Map.of());
    }

    public static ImportException filesMissing(Map<String, String> missing) {
        return new ImportException(Kind.CONFLICT, "files_missing", "upload both files before starting the import", missing);
    }

    public static ImportException notWaiting(ImportJob.State state) {
        return new ImportException(Kind.CONFLICT, "import_already_started", "the import is " + state + ", not waiting for files",
                Map.of("state", state.name()));
    }
}
