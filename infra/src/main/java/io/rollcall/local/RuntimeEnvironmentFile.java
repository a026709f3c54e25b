package io.rollcall.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * What the running local stack gives its functions (queue URLs, endpoints, bucket, database, credentials of the
 * emulators), written as shell assignments so that commands run beside it - infra/bin/platform - reach the same
 * stack with no variables set by hand. Readable by its owner only: it holds the emulators' keys.
 */
final class RuntimeEnvironmentFile {

    static final String PATH = "infra/.local/runtime.env";

    private RuntimeEnvironmentFile() {
    }

    static void write(Path file, Map<String, String> environment) {
        StringBuilder text = new StringBuilder("# written by the local runtime at start; sourced by infra/bin/platform\n");
        environment.forEach((name, value) -> {
            // JAVA_TOOL_OPTIONS tunes Lambda's JVM; a command started beside the stack keeps its own
            if (name.matches("[A-Z_][A-Z0-9_]*") && !name.equals("JAVA_TOOL_OPTIONS")) {
                text.append(name).append("='").append(value.replace("'", "'\\''")).append("'\n");
            }
        });
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "runtime", ".env",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, text);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
