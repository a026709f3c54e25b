package io.rollcall.faces.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Sets the calling thread's flush-to-zero and denormals-are-zero bits (libfloatmode.so, built with the FAISS JNI
 * libraries: src/main/native/faiss/float_mode.c). ONNX Runtime sets them on a caller only once per process, so
 * without this only one thread of the process could run the networks at full speed ({@link InferenceThreads}).
 */
final class FloatMode {

    private static final String LIBRARY = "/native/linux-x86_64/libfloatmode.so";
    private static final Throwable LOAD_FAILURE = load();

    private FloatMode() {
    }

    /** Flush denormal results and inputs to zero on the calling thread, for every later float instruction there. */
    static void flushDenormals() {
        if (LOAD_FAILURE != null) {
            throw new IllegalStateException("cannot flush denormals to zero: " + LOAD_FAILURE.getMessage(), LOAD_FAILURE);
        }
        flushDenormalsHere();
    }

    /** Extracted to a temp file, loaded and deleted at once (the mapping stays valid, /tmp stays clean). */
    private static Throwable load() {
        try (InputStream in = FloatMode.class.getResourceAsStream(LIBRARY)) {
            if (in == null) {
                return new UnsatisfiedLinkError("resource " + LIBRARY + " missing from the class path (was the shared "
                        + "module built on Linux x86_64?)");
            }
            Path file = Files.createTempFile("rollcall-floatmode", ".so");
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                System.load(file.toString());
            } finally {
                Files.deleteIfExists(file);
            }
            return null;
        } catch (IOException | LinkageError e) {
            return e;
        }
    }

    private static native void flushDenormalsHere();
}
