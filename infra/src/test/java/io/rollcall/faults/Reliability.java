package io.rollcall.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Rewrites the measured part of docs/reliability.md (everything after {@link #MARKER}) from a FULL run: the fault
 * table and the mixed load's figures. The hand-written part above the marker (method, known limits) is kept.
 */
final class Reliability {

    private Reliability() {
    }

    static final String MARKER = "<!-- measured: everything below is written by infra/bin/faults --full -->";

    static void write(Path root, String faultReport, MixedLoad.Result load) throws Exception {
        Path doc = root.resolve("docs/reliability.md");
        String text = Files.exists(doc) ? Files.readString(doc) : "# Reliability under faults\n\n";
        int at = text.indexOf(MARKER);
        StringBuilder md = new StringBuilder(at < 0 ? text + "\n" : text.substring(0, at)).append(MARKER).append("\n\n");
        md.append("## The last full run\n\n");
        md.append("Written by `infra/bin/faults --full` on ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores shared with the other checkouts' builds.\n\n");
        md.append(faultReport);
        md.append("\n## Mixed load on the local runtime (").append(load.duration().toMinutes()).append(" minutes, no faults)\n\n");
        md.append(String.format("%d requests, %d errors (5xx or no answer: %.3f %%), p50 %.1f ms, p99 %.1f ms.%n%n",
                load.requests(), load.errors(), load.requests() == 0 ? 0 : 100.0 * load.errors() / load.requests(),
                load.p50() / 1000.0, load.p99() / 1000.0));
        md.append("| request | count | errors | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|\n");
        load.perKind().forEach((kind, v) -> md.append(String.format("| %s | %d | %d | %.1f | %.1f |%n", kind, v[0], v[1], v[2] / 1000.0, v[3] / 1000.0)));
        md.append("\nPer minute:\n\n| minute | requests | errors | p50 ms | p99 ms | max ms |\n|---:|---:|---:|---:|---:|---:|\n");
        for (MixedLoad.Minute m : load.minutes()) {
            md.append(String.format("| %d | %d | %d | %.1f | %.1f | %.1f |%n", m.minute(), m.requests(), m.errors(),
                    m.p50() / 1000.0, m.p99() / 1000.0, m.max() / 1000.0));
        }
        md.append("\nHeap used after a full GC (`System.gc()`, the runtime and the load generator share the JVM):\n\n| second | MiB |\n|---:|---:|\n");
        for (MixedLoad.HeapSample h : load.heap()) {
            md.append("| ").append(h.second()).append(" | ").append(h.usedMiB()).append(" |\n");
        }
        if (load.heap().size() >= 4) {
            long first = load.heap().get(1).usedMiB();
            long last = load.heap().get(load.heap().size() - 1).usedMiB();
            md.append(String.format("%nFrom the first minute's sample to the end: %+d MiB (%d → %d).%n", last - first, first, last));
        }
        Files.writeString(doc, md.toString());
    }
}
