package io.rollcall.faces.index;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The JNI entry points of libfaissjni.so (src/main/native/faiss/faiss_jni.cpp). Handles are
 * {@code faiss::Index*}; callers (only {@link FaissIndex}) check arguments and own the handles.
 * Native errors arrive as {@link FaissException}.
 */
final class FaissNative {

    private static final String RESOURCE_DIR = "/native/linux-x86_64/";
    /** Chooses the FAISS build: {@code auto} (default: AVX2 where the CPU has it), {@code generic} or {@code avx2}. */
    static final String SIMD_PROPERTY = "rollcall.faiss.simd";
    static final String SIMD_ENVIRONMENT = "ROLLCALL_FAISS_SIMD";

    private static volatile Simd loaded;
    private static final Throwable LOAD_FAILURE = load();

    private FaissNative() {
    }

    /** Throws a FaissException saying why the native library is unavailable, every time it is asked. */
    static void ensureLoaded() {
        if (LOAD_FAILURE != null) {
            throw new FaissException("FAISS native library unavailable: " + LOAD_FAILURE.getMessage(), LOAD_FAILURE);
        }
    }

    /** Which of the two FAISS builds this process runs. */
    static Simd simd() {
        ensureLoaded();
        return loaded;
    }

    /**
     * Extracts the libraries from the jar to a fresh temp directory and loads them once per class loader:
     * libfaissloader.so first (it sets OMP_WAIT_POLICY before libgomp reads it, and tells which build this CPU
     * runs), then libgomp and one of libfaissjni.so / libfaissjni_avx2.so, which finds libgomp.so.1 beside itself
     * ($ORIGIN run path) and libopenblas.so.0 already loaded. Both export the same JNI names, so only one can be
     * loaded. The files are deleted right after loading: the mapping stays valid and /tmp stays clean (Lambda).
     */
    private static Throwable load() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return new UnsatisfiedLinkError("built for Linux x86_64 only, this is " + os + "/" + arch);
        }
        List<String> extracted = new ArrayList<>();
        try {
            Path dir = Files.createTempDirectory("rollcall-faiss");
            try {
                System.load(extract(dir, "libfaissloader.so", extracted).toString());
                Simd simd = choose(System.getProperty(SIMD_PROPERTY, System.getenv(SIMD_ENVIRONMENT)), cpuSupportsAvx2());
                extract(dir, "libgomp.so.1", extracted);
                Path jni = extract(dir, simd.library, extracted);
                // libfaissjni links OpenBLAS dynamically (NEEDED libopenblas.so.0) and does not carry it:
                // bytedeco's copy ships for OpenCV anyway, and a second, static one cost ~22 MB. Loading that
                // copy first (JavaCPP extracts it with its libgfortran; openblas_nolapack is the smallest preset
                // that does, with a 0.3 MB JNI wrapper, and its preloads are the ones OpenCV's preset inherits)
                // lets the dynamic loader satisfy the NEEDED entry by SONAME from the library already in the
                // process. Without it, System.load below fails (or, where a system OpenBLAS is installed,
                // would silently take that one).
                Loader.load(openblas_nolapack.class);
                System.load(jni.toString());
                loaded = simd;
                return null;
            } finally {
                for (String name : extracted) {
                    Files.deleteIfExists(dir.resolve(name));
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException | LinkageError | RuntimeException e) {
            return e;
        }
    }

    /** The build to load for a requested level (null/blank/auto: by the CPU) on a CPU with or without AVX2. */
    static Simd choose(String requested, boolean cpuHasAvx2) {
        String level = requested == null ? "" : requested.trim().toLowerCase(Locale.ROOT);
        return switch (level) {
            case "", "auto" -> cpuHasAvx2 ? Simd.AVX2 : Simd.GENERIC;
            case "generic" -> Simd.GENERIC;
            case "avx2" -> {
                if (!cpuHasAvx2) {
                    throw new UnsatisfiedLinkError(SIMD_PROPERTY + "=avx2, but this CPU lacks AVX2/FMA/F16C/POPCNT");
                }
                yield Simd.AVX2;
            }
            default -> throw new UnsatisfiedLinkError(SIMD_PROPERTY + " must be auto, generic or avx2: " + requested);
        };
    }

    private static Path extract(Path dir, String name, List<String> extracted) throws IOException {
        try (InputStream in = FaissNative.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new UnsatisfiedLinkError("resource " + RESOURCE_DIR + name
                        + " missing from the class path (was the shared module built on Linux x86_64 with g++ and cmake?)");
            }
            Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            extracted.add(name);
            return dir.resolve(name);
        }
    }

    /** The two FAISS builds and their JNI libraries. */
    enum Simd {
        GENERIC("libfaissjni.so"), AVX2("libfaissjni_avx2.so");

        final String library;

        Simd(String library) {
            this.library = library;
        }
    }

    /** From libfaissloader.so: whether the CPU has what the AVX2 build was compiled for. */
    static native boolean cpuSupportsAvx2();

    static native long memoryBytes(long index);

    static native long writeTo(long index, String path);

    static native long readFrom(String path, long offset);

    /** read_index from {@code source}, which FAISS asks for bytes through its {@code fill(ByteBuffer)}. */
    static native long readFromSource(FaissIndex.StreamedSection source);

    static native long create(int dimension, String factory, int metric);

    static native void free(long index);

    static native int dimension(long index);

    static native long ntotal(long index);

    static native int metric(long index);

    static native boolean isTrained(long index);

    static native void train(long index, float[] vectors);

    static native void add(long index, long[] ids, float[] vectors);

    static native void search(long index, float[] queries, int k, float[] scores, long[] ids);

    static native long remove(long index, long[] ids);

    static native boolean supportsRemove(long index);

    static native boolean contains(long index, long id);

    static native long[] ids(long index);

    static native float[] reconstruct(long index, long[] ids);

    static native void setParameter(long index, String name, double value);

    static native byte[] serialize(long index);

    static native long deserialize(byte[] bytes, int offset, int length);
}
