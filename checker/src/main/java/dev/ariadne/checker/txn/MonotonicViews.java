package dev.ariadne.checker.txn;

import dev.ariadne.checker.report.TransactionalWitness;
import dev.ariadne.history.Values;

import java.util.HashMap;
import java.util.Map;

/**
 * Monotonic atomic view on rw-register (Bailis et al., VLDB 2014): once a transaction has read a
 * version another transaction wrote, its later reads of any key that one wrote return that write or
 * a later version. Every such rule is a fact of the version order (the observed writer's version of
 * the key comes before the one read), as is every wr and read-then-write ww edge under read committed,
 * so no order is left to choose: the history is MAV exactly when the dependencies plus those facts
 * have no cycle. A topological order is the witness (a version order, for the verifier); a cycle is
 * an observed-transaction-vanishes anomaly, each fact named.
 */
final class MonotonicViews {
    private final RwRegisterInference inf;
    private final Topo graph;
    /** Each fact's text, by its edge (from, to), for the report. */
    private final Map<Long, String> facts = new HashMap<>();
    /** A read of the initial state after observing a writer of the key: no order helps. */
    private String vanished;
    private int[] vanishedTxns;

    MonotonicViews(RwRegisterInference inf, DependencyGraph g) {
        this.inf = inf;
        this.graph = new Topo(inf.n);
        graph.addAll(g, DependencyGraph.WW | DependencyGraph.WR, inf.committed);
        Map<Long, Integer> versionOf = new HashMap<>(); // (writer, key) -> element
        for (int e = 0; e < inf.elements; e++) if (inf.version(e)) versionOf.put(pair(inf.elemWriter[e], inf.elemKey[e]), e);
        // Each transaction's reads in its own order, repeated ones too (a read that repeats an earlier
        // value still comes after whatever was observed in between); a key it wrote reads its own write.
        for (int t = 0; t < inf.n; t++) {
            if (!inf.committed[t] || !inf.th.ok(t)) continue;
            java.util.List<Integer> observed = new java.util.ArrayList<>(); // elements read so far, from others
            java.util.Set<Integer> own = new java.util.HashSet<>();
            for (dev.ariadne.history.MicroOp m : inf.th.mops.get(t)) {
                int k = inf.key(m.key());
                if (!m.isRead()) {
                    own.add(k);
                    continue;
                }
                if (own.contains(k)) continue;
                int e = m.value().isNull() ? -1 : inf.element(k, m.value(), -1);
                if (!m.value().isNull() && (e < 0 || !inf.version(e))) continue; // garbage, aborted or intermediate: other checks' business
                int w = e >= 0 ? inf.elemWriter[e] : -1;
                for (int oe : observed) {
                    int o = inf.elemWriter[oe];
                    if (o == w || o == t) continue;
                    Integer u = versionOf.get(pair(o, k));
                    if (u == null) continue;
                    String why = inf.th.name(t) + " read key " + Values.show(inf.keys.get(inf.elemKey[oe])) + " = " + Values.show(inf.elemValue[oe]) + " from "
                            + inf.th.name(o) + ", which also wrote key " + Values.show(m.key()) + " = " + Values.show(inf.elemValue[u]) + ", before reading that key";
                    if (w < 0) {
                        if (vanished == null) {
                            vanished = why + " as nil: the observed write vanished.";
                            vanishedTxns = new int[]{o, t};
                        }
                        continue;
                    }
                    graph.add(o, w);
                    facts.putIfAbsent(pair(o, w), why + " as " + Values.show(m.value()) + ", so " + inf.th.name(o) + "'s version comes first");
                }
                if (e >= 0) observed.add(e);
            }
        }
    }

    private static long pair(int a, int b) {
        return ((long) a << 32) | b;
    }

    /** A version order for the verifier, or null when there is none. */
    TransactionalWitness witness() {
        if (vanished != null) return null;
        long[] priority = new long[inf.n];
        for (int i = 0; i < inf.n; i++) priority[i] = inf.th.invokePosition(i);
        int[] order = graph.order(inf.committed, priority);
        return order == null ? null
                : TransactionalWitness.versionOrder(order, "a version order of the dependencies and what each transaction had observed before each read");
    }

    /** The anomaly when no version order is MAV (a vanished write, or a cycle of forced facts), else null. */
    Anomaly refutation() {
        if (vanished != null) return Anomaly.of(AnomalyKind.Type.OBSERVED_VANISHES, vanished, vanishedTxns);
        int[] c = graph.cycle(inf.committed);
        if (c == null) return null;
        StringBuilder sb = new StringBuilder("No version order keeps every transaction's view monotonic: ");
        for (int i = 0; i < c.length; i++) {
            int from = c[i];
            int to = c[(i + 1) % c.length];
            String fact = facts.get(pair(from, to));
            sb.append(i == 0 ? "" : "; ").append(inf.th.name(from)).append(" < ").append(inf.th.name(to));
            sb.append(" (").append(fact != null ? fact : "a dependency: " + inf.th.name(to) + " read or overwrote what " + inf.th.name(from) + " wrote").append(')');
        }
        sb.append('.');
        return Anomaly.of(AnomalyKind.Type.OBSERVED_VANISHES, sb.toString(), c);
    }
}
