package io.rollcall.faces.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** Wall and (optionally) thread CPU time per pipeline stage, accumulated lap by lap on one thread. */
final class Stopwatch {

    static final int DECODE = 0;
    static final int DETECT = 1;
    static final int LANDMARKS = 2;
    static final int ALIGN = 3;
    static final int EMBED = 4;
    static final int EXTRAS = 5;
    static final int CHECKS = 6;

    private final boolean cpu;
    private final long[] wall = new long[7];
    private final long[] cpuTime = new long[7];
    private long lastWall;
    private long lastCpu;

    Stopwatch(boolean cpu) {
        this.cpu = cpu;
        this.lastWall = System.nanoTime();
        this.lastCpu = cpu ? Cpu.now() : 0;
    }

    void lap(int stage) {
        long now = System.nanoTime();
        wall[stage] += now - lastWall;
        lastWall = now;
        if (cpu) {
            long c = Cpu.now();
            cpuTime[stage] += c - lastCpu;
            lastCpu = c;
        }
    }

    FacePipeline.Timings timings() {
        return new FacePipeline.Timings(stages(wall), stages(cpuTime));
    }

    private static FacePipeline.Stages stages(long[] t) {
        return new FacePipeline.Stages(t[DECODE], t[DETECT], t[LANDMARKS], t[ALIGN], t[EMBED], t[EXTRAS], t[CHECKS]);
    }

    /** A holder, so that an untimed analysis never loads the management classes (cold start). */
    private static final class Cpu {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        static long now() {
            return THREADS.getCurrentThreadCpuTime();
        }
    }
}
