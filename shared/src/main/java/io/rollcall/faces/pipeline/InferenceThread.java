package io.rollcall.faces.pipeline;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one thread on which every ONNX Runtime session of the process is created, and on which the pipelines that
 * flush denormals run their analyses.
 *
 * <p>Why a thread of its own: ONNX Runtime applies {@code session.set_denormal_as_zero} to its intra-op pool
 * threads per session, but to the calling thread only once per process, on the thread that creates the first
 * session (it sets the CPU's flush-to-zero / denormals-are-zero bits there). With one intra-op thread all the
 * work runs on the caller, so the flag only helps a caller that happens to be that thread: measured on this
 * project's Xeon, 4.7 ms a face on the creating thread, 53 ms on any other (docs/benchmarks.md). Creating every
 * session here and running flushing pipelines here makes the effect independent of who calls: a Lambda handler,
 * an HTTP worker or a test.
 *
 * <p>Java code on this thread also runs with flush-to-zero (the JVM does not reset the bits after a native
 * call); the pipeline's own float work (normalising, cosines) never meets a denormal that matters.
 */
final class InferenceThread {

    private static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rollcall-onnx");
        t.setDaemon(true);
        return t;
    });
    private static volatile Thread thread;
    /** A volatile read keeps the JIT from folding the probe below at compile time. */
    private static volatile float smallestNormal = Float.MIN_NORMAL;

    private InferenceThread() {
    }

    /** Runs {@code work} on the inference thread (inline when already on it) and returns its result. */
    static <T> T call(Callable<T> work) {
        if (Thread.currentThread() == thread) {
            return callHere(work);
        }
        Future<T> future = EXECUTOR.submit(() -> {
            thread = Thread.currentThread();
            return work.call();
        });
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the inference thread", e);
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

    /** Whether the inference thread flushes denormal results to zero (the CPU's FTZ bit is set there). */
    static boolean flushesDenormals() {
        return call(InferenceThread::flushesHere);
    }

    /** Whether the calling thread flushes denormal results to zero. */
    static boolean flushesHere() {
        return smallestNormal * 0.5f == 0f;
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
}
