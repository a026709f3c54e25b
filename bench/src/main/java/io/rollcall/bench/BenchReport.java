package io.rollcall.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

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

    /**
     * The CPU's model name, family and model, and its widest vector extension: machines of this kind have been Intel
     * Xeons and AMD EPYCs of several generations, and the face pipeline runs ~2x faster where ONNX Runtime finds AVX-512.
     */
    static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String name = field(lines, "model name");
            if (name == null) {
                return "";
            }
            String flags = " " + field(lines, "flags") + " ";
            String vectors = flags.contains(" avx512f ") ? "AVX-512" : flags.contains(" avx2 ") ? "AVX2" : "SSE";
            return " (%s, family %s model %s, %s)".formatted(name, field(lines, "cpu family"), field(lines, "model"), vectors);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String field(List<String> cpuinfo, String key) {
        return cpuinfo.stream().filter(l -> l.startsWith(key) && l.substring(0, l.indexOf(':')).strip().equals(key))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(null);
    }
}
