package io.rollcall.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault suite's table: per kind of thing sent, how many were sent, recorded exactly once, duplicated, lost and
 * dead-lettered (with and without a reason), and a few examples of each problem so a failure says what went wrong.
 */
final class Ledger {

    static final class Row {
        final String what;
        long sent;
        long recorded;
        long duplicated;
        long lost;
        long deadLettered;
        long unexplained;
        final Map<String, Long> reasons = new LinkedHashMap<>();
        final List<String> examples = new ArrayList<>();

        Row(String what) {
            this.what = what;
        }

        void example(String problem) {
            if (examples.size() < 5) {
                examples.add(problem);
            }
        }

        void deadLettered(String reason) {
            deadLettered++;
            if (reason == null || reason.isBlank()) {
                unexplained++;
                reasons.merge("(no reason)", 1L, Long::sum);
            } else {
                // the reason's kind, without the ids that make every message's reason unique
                String kind = reason.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "…")
                        .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "…");
                reasons.merge(kind.length() > 140 ? kind.substring(0, 140) + "…" : kind, 1L, Long::sum);
            }
        }

        boolean clean() {
            return duplicated == 0 && lost == 0 && unexplained == 0;
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();

    synchronized Row row(String what) {
        return rows.computeIfAbsent(what, Row::new);
    }

    List<Row> rows() {
        return List.copyOf(rows.values());
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Row r : rows.values()) {
            if (!r.clean()) {
                problems.add(r.what + ": " + r.duplicated + " duplicated, " + r.lost + " lost, " + r.unexplained
                        + " dead-lettered without a reason; e.g. " + r.examples);
            }
        }
        return problems;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| what | sent | recorded once | duplicated | lost | dead-lettered | reasons |\n");
        md.append("|---|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows.values()) {
            StringBuilder reasons = new StringBuilder();
            r.reasons.forEach((reason, n) -> reasons.append(reasons.isEmpty() ? "" : "; ").append(n).append(" × ")
                    .append(reason.replace("|", "\\|").replace("\n", " ")));
            md.append("| ").append(r.what).append(" | ").append(r.sent).append(" | ").append(r.recorded).append(" | ")
                    .append(r.duplicated).append(" | ").append(r.lost).append(" | ").append(r.deadLettered).append(" | ")
                    .append(reasons.isEmpty() ? "—" : reasons).append(" |\n");
        }
        return md.toString();
    }
}
