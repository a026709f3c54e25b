package io.rollcall.faces.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class InferenceThreadsTest {

    @Test
    void twoCallersRunAtOnceEachOnAThreadThatFlushesDenormals() throws Exception {
        assumeTrue(InferenceThreads.count() >= 2, "one inference thread on a one-core machine");
        // each task waits for the other: with one inference thread they could never meet
        CyclicBarrier bothRunning = new CyclicBarrier(2);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> seen = callers.invokeAll(List.of(() -> meet(bothRunning), () -> meet(bothRunning)),
                    30, TimeUnit.SECONDS);
            assertThat(seen.get(0).get()).startsWith("rollcall-onnx-").doesNotEndWith("no FTZ");
            assertThat(seen.get(1).get()).startsWith("rollcall-onnx-").doesNotEndWith("no FTZ")
                    .isNotEqualTo(seen.get(0).get());
        } finally {
            callers.shutdownNow();
        }
        assertThat(InferenceThreads.flushesHere()).as("the caller's own thread is left alone").isFalse();
    }

    @Test
    void aNestedCallRunsOnTheThreadItIsOn() {
        String outer = InferenceThreads.call(() -> Thread.currentThread().getName() + " / "
                + InferenceThreads.call(() -> Thread.currentThread().getName()));
        String[] names = outer.split(" / ");
        assertThat(names[0]).isEqualTo(names[1]).startsWith("rollcall-onnx-");
    }

    @Test
    void theThreadCountIsTheCoresUnlessConfigured() {
        assertThat(InferenceThreads.count(null, 2)).isEqualTo(2);
        assertThat(InferenceThreads.count(" ", 0)).isEqualTo(1);
        assertThat(InferenceThreads.count("3", 2)).isEqualTo(3);
        assertThatThrownBy(() -> InferenceThreads.count("0", 2)).hasMessageContaining(InferenceThreads.COUNT_ENVIRONMENT);
        assertThatThrownBy(() -> InferenceThreads.count("two", 2)).hasMessageContaining("positive whole number: two");
    }

    private static String meet(CyclicBarrier barrier) {
        return InferenceThreads.call(() -> {
            barrier.await(20, TimeUnit.SECONDS);
            return Thread.currentThread().getName() + (InferenceThreads.flushesHere() ? "" : " no FTZ");
        });
    }
}
