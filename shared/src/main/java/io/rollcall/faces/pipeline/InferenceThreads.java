package io.rollcall.faces.pipeline;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads on which every ONNX Runtime session of the process is created and the pipelines that flush denormals
 * run their analyses: one per core by default ({@code ROLLCALL_INFERENCE_THREADS} overrides), so that two analyses
 * (a bulk import's photos) can run at once, each on one core.
 *
 * <p>Why threads of their own: with one intra-op thread ONNX Runtime runs a network on the calling thread, and its
 * {@code session.set_denormal_as_zero} sets the CPU's flush-to-zero / denormals-are-zero bits on a calling thread
 * only once per process (the thread that creates the first session). Measured on this project's Xeon: 4.7 ms a face
 * with the bits set, 53 ms without (docs/benchmarks.md). Each task here sets them first ({@link FloatMode}), so every
 * thread of the pool flushes, whoever calls and whichever session came first.
 *
 * <p>Java code on these threads also runs with flush-to-zero (the JVM does not reset the bits after a native call);
 * the pipeline's own float work (normalising, cosines) never meets a denormal that matters.
 */
final class InferenceThreads {

    static final String COUNT_ENVIRONMENT = "ROLLCALL_INFERENCE_THREADS";
    private static final int COUNT = count(System.getenv(COUNT_ENVIRONMENT), Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL = Executors.newFixedThreadPool(COUNT, Worker::new);
    /** A volatile read keeps the JIT from folding the probe below at compile time. */
    private static volatile float smallestNormal = Float.MIN_NORMAL;

    private InferenceThreads() {
    }

    /** How many analyses can run at once. */
    static int count() {
        return COUNT;
    }

    /** Runs {@code work} on an inference thread (inline when already on one) and returns its result. */
    static <T> T call(Callable<T> work) {
        if (Thread.currentThread() instanceof Worker) {
            return callHere(work);
        }
        Future<T> future = POOL.submit(() -> {
            FloatMode.flushDenormals(); // again per task: a non-flushing first session would have cleared the bits
            return work.call();
        });
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an inference thread", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Whether the inference threads flush denormal results to zero (the CPU's FTZ bit is set there). */
    static boolean flushesDenormals() {
        return call(InferenceThreads::flushesHere);
    }

    /** Whether the calling thread flushes denormal results to zero. */
    static boolean flushesHere() {
        return smallestNormal * 0.5f == 0f;
    }

    /** {@code configured} when it is a positive number, else {@code cores}. */
    static int count(String configured, int cores) {
        if (configured != null && !configured.isBlank()) {
            try {
                int n = Integer.parseInt(configured.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
            throw new IllegalArgumentException(COUNT_ENVIRONMENT + " must be a positive whole number: " + configured);
        }
        return Math.max(1, cores);
    }

    private static <T> T callHere(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Worker extends Thread {
        private static int created;

        Worker(Runnable task) {
            super(task, "rollcall-onnx-" + next());
            setDaemon(true);
        }

        private static synchronized int next() {
            return ++created;
        }
    }
}
