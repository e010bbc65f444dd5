package dev.ariadne.checker.weak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.report.CausalCounterexample;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Counterexample;
import dev.ariadne.checker.report.OpView;
import dev.ariadne.checker.report.PartitionResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Values;

import dev.ariadne.checker.weak.ReadWriteHistory.Node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks causal consistency (CC) of a read/write register history, as defined by Bouajjani, Enea,
 * Guerraoui and Hamza ("On verifying causal consistency", POPL 2017): there is a causal order,
 * containing each process's program order and the read-from relation, such that every read can be
 * explained by a sequence of the writes in its causal past that respects that order. When every
 * value is written at most once per key (the history is "differentiated"), the read-from relation is
 * known and the causal order can be taken as CO = (program order ∪ read-from)+; the history is then
 * CC exactly when none of four bad patterns occurs:
 * <ul>
 *   <li>ThinAirRead: a read returns a value that no write (that did not fail) wrote;</li>
 *   <li>CyclicCO: CO has a cycle;</li>
 *   <li>WriteCOInitRead: a read returns the initial value although a write to its key precedes it in CO;</li>
 *   <li>WriteCORead: a read returns w's value although another write w' to its key has w &lt; w' &lt; read in CO.</li>
 * </ul>
 * The check is polynomial and holds no clock per process ({@link CausalFrontier}: each read's maximal
 * writes of its key, so thousands of crashed processes cost nothing). Where values repeat, the read-from relation is ambiguous and the verdict
 * is UNKNOWN with that reason: Ariadne never guesses. Jepsen's outcomes: failed writes did not happen,
 * crashed writes happened if some read returned their value, reads of unknown result say nothing.
 */
public final class CausalChecker {
    private CausalChecker() {}

    /** The most clock entries the check holds (over the chains of each key's writes; CM's views hold operations × processes). */
    static final long MAX_CLOCK_ENTRIES = 400_000_000L;
    /** The most conflict edges the causal-convergence check follows. */
    static final int MAX_CONFLICTS = 20_000_000;
    private static final int MAX_COUNTEREXAMPLES = 5;

    /** The models decided here: CC, CCv, and writes-follow-reads (the fragment of CC that needs no clocks). */
    enum Variant {
        CAUSAL("causal"), CONVERGENT("causal-convergent"), WRITES_FOLLOW_READS("writes-follow-reads");

        final String model;

        Variant(String model) {
            this.model = model;
        }
    }

    public static CheckResult check(History history, String datatype, DatatypeOptions options) {
        return check(history, datatype, options, Variant.CAUSAL);
    }

    /**
     * Causal convergence (CCv, Bouajjani et al.): CC with one arbitration order of the writes that every
     * process agrees on. On a differentiated history it is CC without a fifth bad pattern, CyclicCF:
     * a cycle in causal order together with the conflict relation, where w1 conflicts before w2 (both
     * writes of one key) when w1 causally precedes a read that returned w2's value.
     */
    public static CheckResult checkConvergent(History history, String datatype, DatatypeOptions options) {
        return check(history, datatype, options, Variant.CONVERGENT);
    }

    static CheckResult check(History history, String datatype, DatatypeOptions options, Variant variant) {
        String model = variant.model;
        boolean convergent = variant == Variant.CONVERGENT;
        long start = System.nanoTime();
        ReadWriteHistory rw = ReadWriteHistory.of(history, datatype, options);
        if (rw.ambiguity != null) return unknown(model, datatype, history, start, rw.ambiguity);
        JsonNode initial = rw.initial;
        List<Counterexample> found = new ArrayList<>();
        for (Map.Entry<Node, Boolean> t : rw.thinAir.entrySet()) {
            if (found.size() >= MAX_COUNTEREXAMPLES) break;
            Node n = t.getKey();
            found.add(new CausalCounterexample("ThinAirRead", List.of(rw.view(n)), List.of(),
                    rw.view(n) + " returned " + Values.show(n.value()) + ", which " + (t.getValue() ? "only a failed write wrote" : "no write wrote") + "."));
        }
        int[] source = rw.src;
        List<Node> nodes = rw.nodes;
        int size = nodes.size();
        int processes = history.processCount();
        if (variant == Variant.WRITES_FOLLOW_READS) {
            // Only the loops of CO matter here; the clocks are not needed.
            CausalOrder co = new CausalOrder(nodes, source, processes, false);
            if (co.topo == null) {
                found.add(0, cycle(history, nodes, co.out, "CyclicCO", "Around this cycle each process wrote after reading the write before it, "
                        + "so every view must place each write after the previous one: no view can."));
            }
            return result(model, datatype, history, start, found.isEmpty() ? Verdict.VALID : Verdict.INVALID, found, size);
        }
        // The patterns from each read's maximal writes (no clock per process: crashes start processes).
        ViewIndex ix = rw.index();
        CausalFrontier frontier = new CausalFrontier(ix, convergent, MAX_CLOCK_ENTRIES);
        if (frontier.overBudget) {
            return unknown(model, datatype, history, start, "the clocks over the chains of each key's writes would take more than "
                    + MAX_CLOCK_ENTRIES + " entries");
        }
        // The graph is built for the explanations only.
        List<List<int[]>> out = frontier.cyclic || frontier.found() ? new CausalOrder(nodes, source, processes, false).out : null;
        if (frontier.cyclic) {
            found.add(0, cycle(history, nodes, out, "CyclicCO", "Program order and read-from form a cycle, so no causal order exists."));
            return result(model, datatype, history, start, Verdict.INVALID, found, size);
        }
        for (int r = 0; r < size && found.size() < MAX_COUNTEREXAMPLES; r++) {
            if (frontier.pattern[r] == CausalFrontier.NONE) continue;
            Node rd = nodes.get(r);
            int w = frontier.witness[r];
            int s = source[r];
            if (frontier.pattern[r] == CausalFrontier.WRITE_CO_INIT_READ) {
                found.add(pattern(history, nodes, out, "WriteCOInitRead", List.of(w, r),
                        view(history, rd) + " returned the initial value " + Values.show(initial) + " of key " + Values.show(rd.key())
                                + ", but " + view(history, nodes.get(w)) + " causally precedes it."));
            } else {
                found.add(pattern(history, nodes, out, "WriteCORead", List.of(s, w, r),
                        view(history, rd) + " returned " + Values.show(rd.value()) + " from " + view(history, nodes.get(s)) + ", but "
                                + view(history, nodes.get(w)) + " overwrote it in between, causally."));
            }
        }
        int[] conflicts = frontier.conflicts;
        int conflictCount = frontier.conflictCount;
        if (conflictCount > MAX_CONFLICTS) {
            return unknown(model, datatype, history, start, "more than " + MAX_CONFLICTS + " conflict edges to check for causal convergence");
        }
        if (convergent && found.isEmpty() && !acyclicWithConflicts(nodes, source, processes, conflicts, conflictCount)) {
            // The conflict edges: w1 before w2 whenever w1 causally precedes a read of w2's value (the
            // maximal writes of the key in the read's past stand for the earlier ones, which precede them).
            if (out == null) out = new CausalOrder(nodes, source, processes, false).out;
            List<List<int[]>> withCf = new ArrayList<>(size);
            for (List<int[]> es : out) withCf.add(new ArrayList<>(es));
            for (int c = 0; c < conflictCount; c++) withCf.get(conflicts[3 * c]).add(new int[]{conflicts[3 * c + 1], 2, conflicts[3 * c + 2]});
            found.add(cycle(history, nodes, withCf, "CyclicCF",
                    "Causal order and the conflicts between writes form a cycle, so no single arbitration order of the writes exists."));
        }
        return result(model, datatype, history, start, found.isEmpty() ? Verdict.VALID : Verdict.INVALID, found, size);
    }

    /** Whether causal order with the conflict edges (kept as flat triples) is acyclic, without building the graph. */
    private static boolean acyclicWithConflicts(List<Node> nodes, int[] source, int processes, int[] conflicts, int count) {
        int n = nodes.size();
        int[] start = new int[n + 1];
        for (int c = 0; c < count; c++) start[conflicts[3 * c] + 1]++;
        for (int i = 0; i < n; i++) start[i + 1] += start[i];
        int[] target = new int[count];
        int[] fill = Arrays.copyOf(start, n);
        for (int c = 0; c < count; c++) target[fill[conflicts[3 * c]]++] = conflicts[3 * c + 1];
        return CausalOrder.acyclic(nodes, source, processes, start, target);
    }

    /** A pattern along the shortest causal paths between consecutive members of {@code chain}. */
    private static CausalCounterexample pattern(History h, List<Node> nodes, List<List<int[]>> out, String name, List<Integer> chain, String summary) {
        List<CausalCounterexample.Edge> edges = new ArrayList<>();
        List<OpView> ops = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k + 1 < chain.size(); k++) {
            List<int[]> path = shortestPath(out, chain.get(k), chain.get(k + 1));
            if (path == null) throw new IllegalStateException("internal error: no causal path for a reported pattern");
            for (int[] e : path) edges.add(edge(h, nodes, e[0], e[1], e[2]));
        }
        if (name.equals("WriteCORead")) edges.add(0, edge(h, nodes, chain.get(0), chain.get(2), 1));
        for (CausalCounterexample.Edge e : edges) {
            if (seen.add((int) e.from().index())) ops.add(e.from());
            if (seen.add((int) e.to().index())) ops.add(e.to());
        }
        verify(edges, nodes, h);
        return new CausalCounterexample(name, ops, edges, summary);
    }

    private static CausalCounterexample cycle(History h, List<Node> nodes, List<List<int[]>> out, String name, String summary) {
        List<int[]> best = null;
        for (int s = 0; s < nodes.size(); s++) {
            for (int[] e : out.get(s)) {
                List<int[]> back = shortestPath(out, e[0], s);
                if (back != null && (best == null || back.size() + 1 < best.size())) {
                    best = new ArrayList<>();
                    best.add(new int[]{s, e[0], e[1], e.length > 2 ? e[2] : -1});
                    best.addAll(back);
                }
            }
        }
        List<CausalCounterexample.Edge> edges = new ArrayList<>();
        List<OpView> ops = new ArrayList<>();
        for (int[] e : best) {
            if (e[2] == 2) {
                int read = e.length > 3 && e[3] >= 0 ? e[3] : conflictRead(out, nodes, e[0], e[1]);
                List<int[]> co = shortestPath(baseEdges(out), e[0], read);
                if (co == null) throw new IllegalStateException("internal error: a conflict edge without its causal path");
                edges.add(new CausalCounterexample.Edge(view(h, nodes.get(e[0])), view(h, nodes.get(e[1])),
                        view(h, nodes.get(e[0])) + " causally precedes " + view(h, nodes.get(read)) + " (through " + co.size()
                                + " program-order or read-from steps), which read the value " + view(h, nodes.get(e[1])) + " wrote, so every process must arbitrate it first"));
            } else {
                edges.add(edge(h, nodes, e[0], e[1], e[2]));
            }
            ops.add(view(h, nodes.get(e[0])));
        }
        List<CausalCounterexample.Edge> causal = new ArrayList<>();
        for (int i = 0; i < best.size(); i++) if (best.get(i)[2] != 2) causal.add(edges.get(i));
        verify(causal, nodes, h);
        return new CausalCounterexample(name, ops, edges, summary);
    }

    /** The program-order and read-from edges only (kinds 0 and 1). */
    private static List<List<int[]>> baseEdges(List<List<int[]>> out) {
        List<List<int[]>> base = new ArrayList<>();
        for (List<int[]> es : out) {
            List<int[]> b = new ArrayList<>();
            for (int[] e : es) if (e[1] != 2) b.add(e);
            base.add(b);
        }
        return base;
    }

    /** The read behind a conflict edge a -> b as found along a shortest path (edges record it when made). */
    private static int conflictRead(List<List<int[]>> out, List<Node> nodes, int a, int b) {
        for (int[] e : out.get(a)) if (e[0] == b && e[1] == 2) return e[2];
        throw new IllegalStateException("internal error: no conflict edge " + a + " -> " + b);
    }

    private static CausalCounterexample.Edge edge(History h, List<Node> nodes, int a, int b, int kind) {
        Node x = nodes.get(a);
        Node y = nodes.get(b);
        String reason = kind == 0 ? "p" + view(h, x).process() + " ran them in this order"
                : view(h, y) + " read " + Values.show(y.key().isNull() ? TextNode.valueOf("the register") : y.key()) + "=" + Values.show(y.value()) + ", which " + view(h, x) + " wrote";
        return new CausalCounterexample.Edge(view(h, x), view(h, y), reason);
    }

    /** Each edge re-checked against the history: program order on one process, or a read of the write's value. */
    private static void verify(List<CausalCounterexample.Edge> edges, List<Node> nodes, History h) {
        Map<Long, List<Node>> byIndex = new HashMap<>();
        for (CausalCounterexample.Edge e : edges) {
            byIndex.put(e.from().index(), new ArrayList<>());
            byIndex.put(e.to().index(), new ArrayList<>());
        }
        for (Node n : nodes) {
            List<Node> l = byIndex.get(n.op().index());
            if (l != null) l.add(n);
        }
        for (CausalCounterexample.Edge e : edges) {
            OpView a = e.from();
            OpView b = e.to();
            boolean po = a.process().equals(b.process()) && a.invokePosition() < b.invokePosition();
            boolean rf = false;
            for (Node n : byIndex.get(a.index())) {
                if (!n.write()) continue;
                for (Node m : byIndex.get(b.index())) if (!m.write() && m.key().equals(n.key()) && m.value().equals(n.value())) rf = true;
            }
            if (!po && !rf) throw new IllegalStateException("internal error: causal edge " + a + " -> " + b + " does not verify");
        }
    }

    private static List<int[]> shortestPath(List<List<int[]>> out, int from, int to) {
        int n = out.size();
        int[] prev = new int[n];
        int[] kind = new int[n];
        Arrays.fill(prev, -2);
        prev[from] = -1;
        ArrayDeque<Integer> q = new ArrayDeque<>();
        q.add(from);
        while (!q.isEmpty()) {
            int u = q.poll();
            for (int[] e : out.get(u)) {
                if (prev[e[0]] != -2) continue;
                prev[e[0]] = u;
                kind[e[0]] = e[1];
                if (e[0] == to) {
                    List<int[]> path = new ArrayList<>();
                    for (int v = to; v != from; v = prev[v]) path.add(0, new int[]{prev[v], v, kind[v]});
                    return path;
                }
                q.add(e[0]);
            }
        }
        return null;
    }

    private static OpView view(History h, Node n) {
        return OpView.of(h, n.op(), describe(n));
    }

    private static String describe(Node n) {
        return (n.write() ? "write " : "read → ") + Values.show(n.value()) + (n.key().isNull() ? "" : " [key " + Values.show(n.key()) + "]");
    }

    private static CheckResult unknown(String model, String datatype, History history, long start, String why) {
        long t = System.nanoTime() - start;
        return new CheckResult(model, datatype, false, Verdict.UNKNOWN, "Undecided: " + why + ".",
                List.of(new PartitionResult("*", history.size(), Verdict.UNKNOWN, why, t, 0)), List.of(),
                new CheckResult.Statistics(history.size(), 1, 0, t, 0), List.of(why));
    }

    private static CheckResult result(String model, String datatype, History history, long start, Verdict v, List<Counterexample> found, int size) {
        long t = System.nanoTime() - start;
        String summary;
        if (model.equals("writes-follow-reads")) {
            summary = v == Verdict.VALID ? "Every write can be seen after the writes its process had read: no causal loop, no value from nowhere."
                    : "Writes do not follow reads: " + found.get(0).kind() + ".";
        } else {
            String name = model.equals("causal") ? "causally consistent (CC)" : "causally convergent (CCv)";
            summary = v == Verdict.VALID ? "The history is " + name + "." : "The history is not " + name + ": " + found.get(0).kind() + ".";
        }
        return new CheckResult(model, datatype, false, v, summary, List.of(new PartitionResult("*", size, v, null, t, size)), found,
                new CheckResult.Statistics(history.size(), 1, size, t, 0), List.of());
    }
}
