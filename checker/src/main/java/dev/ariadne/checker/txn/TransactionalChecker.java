package dev.ariadne.checker.txn;

import dev.ariadne.checker.report.TransactionalCounterexample;
import dev.ariadne.checker.search.Budget;
import dev.ariadne.history.History;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transactional pipeline, Elle's shape: history, then version orders and the anomalies that are
 * not cycles ({@link ListAppendInference}), then the dependency graph ({@link DependencyGraph}), its
 * strongly connected components and shortest cycles ({@link CycleSearch}), then atomic visibility
 * ({@link AtomicVisibility}), then each anomaly explained and re-verified edge by edge
 * ({@link Evidence}). Which models the anomalies rule out is decided above, in the model package.
 */
public final class TransactionalChecker {
    private TransactionalChecker() {}

    public static TransactionalAnalysis analyze(History history, String datatype, Budget budget) {
        if (!datatype.equals("list-append")) {
            throw new IllegalArgumentException("transactional checking supports list-append; " + datatype + " is not supported yet");
        }
        TxnHistory th = new TxnHistory(history);
        ListAppendInference inf = new ListAppendInference(th);
        if (inf.unsupported != null) {
            return new TransactionalAnalysis(inf.unsupported, Set.of(), Set.of(), List.of(), Map.of(), th.n, 0, List.of());
        }
        DependencyGraph g = inf.graph();
        CycleSearch cycles = new CycleSearch(g, budget);
        cycles.run();
        StronglyConnected data = StronglyConnected.of(g, DependencyGraph.DATA);
        List<Anomaly> fractured = List.of();
        List<Anomaly> causal = List.of();
        boolean visibilityComplete = true;
        if (data.count > 0) {
            AtomicVisibility vis = new AtomicVisibility(inf, data, budget);
            fractured = vis.check(false);
            causal = fractured.isEmpty() ? vis.check(true) : List.of();
            visibilityComplete = vis.complete;
        }

        Set<String> present = new LinkedHashSet<>();
        Set<String> incomplete = new LinkedHashSet<>(cycles.incomplete);
        if (!visibilityComplete) {
            incomplete.add("fractured-read");
            incomplete.add("causal-read");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<Anomaly> all = new ArrayList<>(inf.anomalies);
        all.addAll(cycles.found.values());
        all.addAll(fractured);
        all.addAll(causal);
        Evidence evidence = all.isEmpty() ? null : new Evidence(th);
        List<TransactionalCounterexample> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Anomaly a : all) {
            counts.merge(a.name(), 1, Integer::sum);
            if (counts.get(a.name()) > 1) continue;
            TransactionalCounterexample c = explain(th, evidence, a);
            if (c == null) {
                incomplete.add(a.name());
                notes.add("a " + a.name() + " cycle failed re-verification against the history and is not reported (please report this as a bug)");
                counts.remove(a.name());
                continue;
            }
            out.add(c);
        }
        present.addAll(counts.keySet());
        present.addAll(cycles.present());
        int committed = 0;
        for (boolean c : inf.committed) if (c) committed++;
        return new TransactionalAnalysis(null, present, incomplete, out, counts, committed, g.edges(), notes);
    }

    private static final Map<String, String> CYCLES = Map.of(
            "G0", "A cycle of write-write dependencies: the transactions' appends interleave, so no order of them installs these versions.",
            "G1c", "A cycle of write-write and write-read dependencies (circular information flow): each transaction observes or overwrites the next.",
            "G-single", "A cycle with exactly one read-write anti-dependency (read skew): a read misses a write that, through the other dependencies, precedes it.",
            "G-nonadjacent", "A cycle with two or more read-write anti-dependencies, no two adjacent: snapshot isolation forbids it.",
            "G2-item", "A cycle with read-write anti-dependencies (write skew or worse): no serial order of these transactions exists.");

    /** The anomaly as a report value, each cycle edge re-verified and explained; null if an edge does not hold. */
    private static TransactionalCounterexample explain(TxnHistory th, Evidence evidence, Anomaly a) {
        List<TransactionalCounterexample.Txn> txns = new ArrayList<>();
        for (int t : a.txns()) {
            txns.add(new TransactionalCounterexample.Txn(th.name(t), process(th, t), th.op(t).outcome().jepsenName(), th.describe(t)));
        }
        if (!a.isCycle()) return new TransactionalCounterexample(a.name(), txns, List.of(), a.summary());
        if (!classified(a)) return null;
        List<TransactionalCounterexample.Dependency> deps = new ArrayList<>();
        int len = a.txns().length;
        for (int i = 0; i < len; i++) {
            int from = a.txns()[i];
            int to = a.txns()[(i + 1) % len];
            String reason = evidence.explain(from, to, a.types()[i]);
            if (reason == null) return null;
            deps.add(new TransactionalCounterexample.Dependency(th.name(from), th.name(to), DependencyGraph.name(a.types()[i]), reason));
        }
        String base = a.name().replace("-process", "").replace("-realtime", "");
        String summary = CYCLES.get(base);
        if (a.name().endsWith("-process")) summary += " The cycle needs process order: each process's transactions take effect in the order it ran them.";
        if (a.name().endsWith("-realtime")) summary += " The cycle needs real-time order: a transaction takes effect after every transaction that completed before it began.";
        return new TransactionalCounterexample(a.name(), txns, deps, summary);
    }

    /** Whether a cycle's edge types make the class it is named (counted independently of the search). */
    static boolean classified(Anomaly a) {
        int[] ty = a.types();
        int len = ty.length;
        int rw = 0;
        int wr = 0;
        int process = 0;
        int realtime = 0;
        boolean adjacent = false;
        for (int i = 0; i < len; i++) {
            if (ty[i] == DependencyGraph.RW) {
                rw++;
                if (ty[(i + 1) % len] == DependencyGraph.RW) adjacent = true;
            }
            if (ty[i] == DependencyGraph.WR) wr++;
            if (ty[i] == DependencyGraph.PROCESS) process++;
            if (ty[i] == DependencyGraph.REALTIME) realtime++;
        }
        String name = a.name();
        if (name.endsWith("-realtime") && realtime == 0) return false;
        if (name.endsWith("-process") && (process == 0 || realtime > 0)) return false;
        if (!name.endsWith("-realtime") && !name.endsWith("-process") && (process > 0 || realtime > 0)) return false;
        String base = name.replace("-process", "").replace("-realtime", "");
        return switch (base) {
            case "G0" -> rw == 0 && wr == 0;
            case "G1c" -> rw == 0;
            case "G-single" -> rw == 1;
            case "G-nonadjacent" -> rw >= 2 && !adjacent;
            case "G2-item" -> rw >= 1;
            default -> false;
        };
    }

    private static String process(TxnHistory th, int t) {
        var name = th.history.processName(th.op(t).process());
        return name == null ? "?" : Values.show(name);
    }
}
