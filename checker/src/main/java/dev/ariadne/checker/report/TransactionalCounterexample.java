package dev.ariadne.checker.report;

import java.util.List;

/**
 * A transactional anomaly, in Adya's and Elle's names: for a cycle ({@code G0}, {@code G1c},
 * {@code G-single}, {@code G-nonadjacent}, {@code G2-item}, each maybe {@code -process} or
 * {@code -realtime}), the transactions around it and each dependency with the evidence for it; for
 * any other anomaly ({@code G1a}, {@code G1b}, {@code fractured-read}...), the transactions and one
 * sentence.
 *
 * @param anomaly      the anomaly's name
 * @param transactions the transactions involved, in cycle order
 * @param cycle        the dependencies of the cycle, in order (the last closes it); empty for other anomalies
 * @param summary      one sentence on what is impossible
 */
public record TransactionalCounterexample(String anomaly, List<Txn> transactions, List<Dependency> cycle, String summary) implements Counterexample {

    /** A transaction as a report shows it: {@code T<index>}, its process, outcome and micro-ops. */
    public record Txn(String name, String process, String outcome, String microOps) {}

    /** {@code from} precedes {@code to} by a dependency of {@code type} ({@code ww}, {@code wr}, {@code rw}, {@code process}, {@code realtime}) because {@code reason}. */
    public record Dependency(String from, String to, String type, String reason) {}

    @Override
    public String kind() {
        return anomaly;
    }

    @Override
    public String explanation() {
        StringBuilder sb = new StringBuilder(summary);
        for (Dependency d : cycle) sb.append(' ').append(d.from()).append(" < ").append(d.to()).append(" (").append(d.type()).append("): ").append(d.reason()).append('.');
        return sb.toString();
    }

    /** The counterexample as a Graphviz DOT digraph: one node per transaction, one labelled edge per dependency. */
    public String dot() {
        StringBuilder sb = new StringBuilder("digraph \"").append(anomaly).append("\" {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n");
        for (Txn t : transactions) {
            sb.append("  \"").append(t.name()).append("\" [label=\"").append(escape(t.name() + " (p" + t.process() + ", " + t.outcome() + ")\\n" + t.microOps())).append("\"];\n");
        }
        for (Dependency d : cycle) {
            sb.append("  \"").append(d.from()).append("\" -> \"").append(d.to()).append("\" [label=\"").append(d.type())
                    .append("\", tooltip=\"").append(escape(d.reason())).append("\"");
            if (d.type().equals("rw")) sb.append(", style=dashed");
            sb.append("];\n");
        }
        return sb.append("}\n").toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\\\\n", "\\n");
    }
}
