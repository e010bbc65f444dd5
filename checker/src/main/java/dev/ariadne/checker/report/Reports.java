package dev.ariadne.checker.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/** Renders a {@link CheckResult} as text for people and as JSON for tools (schema in the README). */
public final class Reports {
    /** The version of the JSON report's schema. */
    public static final int SCHEMA_VERSION = 1;
    private static final int SHOWN_STEPS = 20;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {}

    public static String text(CheckResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("model:    ").append(r.model()).append('\n');
        sb.append("datatype: ").append(r.datatype()).append(r.datatypeInferred() ? " (inferred)" : "").append('\n');
        sb.append("verdict:  ").append(r.verdict()).append(" - ").append(r.summary()).append('\n');
        for (PartitionResult p : r.partitions()) {
            if (p.verdict() == Verdict.UNKNOWN) {
                sb.append("  partition ").append(p.partition()).append(": UNKNOWN, ").append(p.detail()).append('\n');
            }
        }
        int k = 0;
        for (Counterexample c : r.counterexamples()) {
            sb.append('\n').append("Counterexample ").append(++k).append(" (").append(c.kind()).append(")\n");
            if (c instanceof CausalCounterexample cc) {
                sb.append(indent(wrap(cc.summary(), 96), "  ")).append('\n');
                if (!cc.edges().isEmpty()) sb.append("  Causal order (program order and read-from):\n");
                for (CausalCounterexample.Edge e : cc.edges()) {
                    sb.append("    ").append(e.from()).append(" < ").append(e.to()).append("\n        because ").append(e.reason()).append('\n');
                }
                continue;
            }
            if (c instanceof TransactionalCounterexample tc) {
                transactional(tc, sb);
                continue;
            }
            if (c instanceof LogCounterexample lc) {
                explainedBy(lc.explanation(), lc.operations(), sb);
                continue;
            }
            if (c instanceof BroadcastCounterexample bc) {
                explainedBy(bc.explanation(), bc.operations(), sb);
                continue;
            }
            sb.append(indent(wrap(c.explanation(), 96), "  ")).append('\n');
            if (c instanceof LinearizabilityCounterexample lc) linearizability(lc, sb);
            if (c instanceof SequentialCounterexample sc) sequential(sc, sb);
        }
        CheckResult.Statistics s = r.statistics();
        if (r.datatype().equals("broadcast") || r.datatype().equals("mailbox")) {
            sb.append('\n').append(String.format(Locale.ROOT, "%d operations, %d processes; check %s%n", s.operations(), s.partitions(), duration(s.checkNanos())));
            for (String n : r.notes()) sb.append("note: ").append(n).append('\n');
            return sb.toString();
        }
        if (r.datatype().equals("log")) {
            sb.append('\n').append(String.format(Locale.ROOT, "%d operations, %d keys, %d errors found (allowed ones included); check %s%n",
                    s.operations(), s.partitions(), s.explored(), duration(s.checkNanos())));
            for (String n : r.notes()) sb.append("note: ").append(n).append('\n');
            return sb.toString();
        }
        if (r.datatype().equals("list-append") || r.datatype().equals("rw-register")) {
            sb.append('\n').append(String.format(Locale.ROOT, "%d transactions, %d dependency edges; check %s%n", s.operations(), s.explored(), duration(s.checkNanos())));
            if (r.witness() != null) sb.append("witness: ").append(r.witness().summary()).append('\n');
            for (String n : r.notes()) sb.append("note: ").append(n).append('\n');
            return sb.toString();
        }
        sb.append('\n').append(String.format(Locale.ROOT, "%d operations, %d partition%s, %d search steps; check %s, counterexamples %s%n",
                s.operations(), s.partitions(), s.partitions() == 1 ? "" : "s", s.explored(), duration(s.checkNanos()), duration(s.counterexampleNanos())));
        for (String n : r.notes()) sb.append("note: ").append(n).append('\n');
        return sb.toString();
    }

    /** A paragraph, then the operations that show it. */
    private static void explainedBy(String explanation, List<OpView> operations, StringBuilder sb) {
        sb.append(indent(wrap(explanation, 96), "  ")).append('\n');
        for (OpView o : operations) sb.append("    ").append(o).append('\n');
    }

    private static void transactional(TransactionalCounterexample c, StringBuilder sb) {
        sb.append(indent(wrap(c.summary(), 96), "  ")).append('\n');
        sb.append("  Transactions:\n");
        for (TransactionalCounterexample.Txn t : c.transactions()) {
            sb.append(String.format(Locale.ROOT, "    %-8s p%-4s %-4s %s%n", t.name(), t.process(), t.outcome(), t.microOps()));
        }
        if (c.cycle().isEmpty()) return;
        sb.append("  Cycle:\n");
        for (TransactionalCounterexample.Dependency d : c.cycle()) {
            String head = d.from() + " < " + d.to() + " (" + d.type() + ")";
            sb.append("    ").append(head).append('\n').append(indent(wrap("because " + d.reason(), 90), "        ")).append('\n');
        }
    }

    private static void linearizability(LinearizabilityCounterexample c, StringBuilder sb) {
        sb.append("\n  Operations that cannot be linearized together:\n");
        for (OpView o : c.operations()) sb.append("    ").append(o).append('\n');
        sb.append("\n  Timeline (history order, left to right):\n").append(indent(c.timeline().stripTrailing(), "    ")).append('\n');
        List<LinearizabilityCounterexample.Step> steps = c.partialLinearization();
        sb.append("\n  Longest partial linearization (").append(steps.size()).append(steps.size() == 1 ? " step):\n" : " steps):\n");
        int from = Math.max(0, steps.size() - SHOWN_STEPS);
        if (from > 0) sb.append("    ... ").append(from).append(" earlier steps\n");
        for (int i = from; i < steps.size(); i++) {
            LinearizabilityCounterexample.Step st = steps.get(i);
            sb.append(String.format(Locale.ROOT, "    %3d. %-50s state: %s%n", i + 1, st.op().toString(), Abbreviation.shorten(st.stateAfter())));
        }
        if (c.stuck() != null) {
            sb.append("    then ").append(c.stuck()).append(" cannot take effect: ").append(Abbreviation.shorten(c.reason())).append('\n');
        } else if (steps.isEmpty() && c.reason() != null) {
            sb.append("    (").append(c.reason()).append(")\n");
        }
    }

    /** The hierarchy report: each model's verdict and how it was reached, then the weakest violations' counterexamples. */
    public static String text(HierarchyResult h) {
        StringBuilder sb = new StringBuilder();
        sb.append("datatype: ").append(h.datatype()).append('\n');
        sb.append("verdict:  ").append(h.verdict()).append('\n');
        for (HierarchyResult.ModelVerdict m : h.models()) {
            sb.append(String.format(Locale.ROOT, "  %-34s %-8s %s%n", m.model(), m.verdict(), m.how()));
        }
        if (!h.strongestSatisfied().isEmpty()) sb.append("strongest model satisfied: ").append(String.join(", ", h.strongestSatisfied())).append('\n');
        if (!h.weakestViolated().isEmpty()) sb.append("weakest model violated:    ").append(String.join(", ", h.weakestViolated())).append('\n');
        if (!h.notModels().isEmpty()) sb.append("not checked: ").append(String.join(", ", h.notModels())).append('\n');
        for (CheckResult r : h.checks()) {
            if (r.verdict() == Verdict.VALID) continue;
            sb.append("\n== ").append(r.model()).append(" ==\n").append(text(r));
        }
        return sb.toString();
    }

    public static String json(HierarchyResult h, String file) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA_VERSION);
        root.put("report", "all");
        if (file != null) root.put("file", file);
        root.put("model", "all");
        root.put("datatype", h.datatype());
        root.put("verdict", h.verdict().name());
        root.put("exitCode", h.verdict().exitCode());
        ArrayNode models = root.putArray("models");
        for (HierarchyResult.ModelVerdict m : h.models()) {
            ObjectNode n = models.addObject();
            n.put("model", m.model());
            n.put("verdict", m.verdict().name());
            n.put("how", m.how());
        }
        h.strongestSatisfied().forEach(root.putArray("strongestSatisfied")::add);
        h.weakestViolated().forEach(root.putArray("weakestViolated")::add);
        h.notModels().forEach(root.putArray("notChecked")::add);
        ArrayNode checks = root.putArray("checks");
        for (CheckResult r : h.checks()) {
            try {
                checks.add(MAPPER.readTree(json(r, null)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sequential(SequentialCounterexample c, StringBuilder sb) {
        sb.append("\n  Operations that cannot be ordered together:\n");
        for (OpView o : c.operations()) sb.append("    ").append(o).append('\n');
        sb.append("\n  Timeline (history order, left to right; real time does not constrain this model):\n")
                .append(indent(c.timeline().stripTrailing(), "    ")).append('\n');
        List<LinearizabilityCounterexample.Step> steps = c.order();
        sb.append("\n  Longest legal order (").append(steps.size()).append(" steps):\n");
        int from = Math.max(0, steps.size() - SHOWN_STEPS);
        if (from > 0) sb.append("    ... ").append(from).append(" earlier steps\n");
        for (int i = from; i < steps.size(); i++) {
            LinearizabilityCounterexample.Step st = steps.get(i);
            sb.append(String.format(Locale.ROOT, "    %3d. %-50s state: %s%n", i + 1, st.op().toString(), Abbreviation.shorten(st.stateAfter())));
        }
        for (SequentialCounterexample.Blocked b : c.blocked()) {
            sb.append("    then ").append(b.op()).append(" cannot go next: ").append(b.reason()).append('\n');
        }
        if (!c.why().isEmpty()) {
            sb.append("\n  Why (orders every view of p").append(c.viewOf()).append(" must keep, each with its reason; a < b: a comes first):\n");
            for (String line : c.why()) sb.append("    ").append(line).append('\n');
        }
    }

    public static String json(CheckResult r, String file) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA_VERSION);
        root.put("report", "check");
        if (file != null) root.put("file", file);
        root.put("model", r.model());
        root.put("datatype", r.datatype());
        root.put("datatypeInferred", r.datatypeInferred());
        root.put("verdict", r.verdict().name());
        root.put("valid", r.verdict() == Verdict.VALID);
        root.put("exitCode", r.verdict().exitCode());
        root.put("summary", r.summary());
        ArrayNode parts = root.putArray("partitions");
        for (PartitionResult p : r.partitions()) {
            ObjectNode n = parts.addObject();
            n.put("partition", p.partition());
            n.put("operations", p.operations());
            n.put("verdict", p.verdict().name());
            if (p.detail() != null) n.put("detail", p.detail());
            n.put("millis", p.nanos() / 1e6);
            n.put("explored", p.explored());
        }
        ArrayNode cex = root.putArray("counterexamples");
        for (Counterexample c : r.counterexamples()) {
            ObjectNode n = cex.addObject();
            n.put("kind", c.kind());
            n.put("explanation", c.explanation());
            n.setAll((ObjectNode) MAPPER.valueToTree(c));
        }
        ObjectNode st = root.putObject("statistics");
        st.put("operations", r.statistics().operations());
        st.put("partitions", r.statistics().partitions());
        st.put("explored", r.statistics().explored());
        st.put("checkMillis", r.statistics().checkNanos() / 1e6);
        st.put("counterexampleMillis", r.statistics().counterexampleNanos() / 1e6);
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        if (r.witness() != null) root.set("witness", MAPPER.valueToTree(r.witness()));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String duration(long nanos) {
        if (nanos < 1_000_000) return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        if (nanos < 10_000_000_000L) return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String indent(String s, String pad) {
        return pad + s.replace("\n", "\n" + pad);
    }

    private static String wrap(String s, int width) {
        StringBuilder out = new StringBuilder();
        int col = 0;
        for (String w : s.split(" ")) {
            if (col > 0 && col + 1 + w.length() > width) {
                out.append('\n');
                col = 0;
            } else if (col > 0) {
                out.append(' ');
                col++;
            }
            out.append(w);
            col += w.length();
        }
        return out.toString();
    }
}
