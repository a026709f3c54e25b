package io.rollcall.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Writes one benchmark's results into its own section of docs/benchmarks.md, between
 * {@code <!-- bench:NAME:start -->} and {@code <!-- bench:NAME:end -->}, leaving the other sections alone.
 */
public final class BenchReport {

    private BenchReport() {
    }

    public static Path file() {
        String root = System.getProperty("rollcall.root", System.getProperty("user.dir"));
        return Path.of(root, "docs", "benchmarks.md");
    }

    /** Replaces (or appends) the section {@code name} with {@code markdown}, stamped with today's date and the machine. */
    public static void write(String name, String markdown) throws IOException {
        Path file = file();
        String start = "<!-- bench:" + name + ":start -->";
        String end = "<!-- bench:" + name + ":end -->";
        String body = start + "\n" + markdown.strip() + "\n\n_Measured " + LocalDate.now() + " on " + machine() + "._\n" + end;
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        String updated = from >= 0 && to > from
                ? text.substring(0, from) + body + text.substring(to + end.length())
                : text.stripTrailing() + "\n\n" + body + "\n";
        Files.createDirectories(file.getParent());
        Files.writeString(file, updated);
        System.out.println("wrote section '" + name + "' of " + file);
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores" + cpuModel() + ", "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB max heap, Java " + Runtime.version();
    }

    /** The CPU's model name (machines of this kind have been Intel Xeons and AMD EPYCs, at different speeds). */
    private static String cpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> " (" + l.substring(l.indexOf(':') + 1).strip() + ")").orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
