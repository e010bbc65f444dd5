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
        // The reads come grouped by transaction, in each one's order.
        int observedFrom = 0;
        for (int r = 0; r < inf.reads; r++) {
            int t = inf.readTxn[r];
            if (r > 0 && inf.readTxn[r - 1] != t) observedFrom = r;
            if (!inf.committed[t]) continue;
            int k = inf.readKey[r];
            int e = inf.readElem[r];
            int w = e >= 0 && inf.version(e) ? inf.elemWriter[e] : -1;
            for (int o = observedFrom; o < r; o++) {
                int oe = inf.readElem[o];
                if (oe < 0 || !inf.version(oe)) continue;
                int observed = inf.elemWriter[oe];
                if (observed == w || observed == t) continue;
                Integer u = versionOf.get(pair(observed, k));
                if (u == null) continue;
                String why = inf.th.name(t) + " read key " + Values.show(inf.keys.get(inf.readKey[o])) + " = " + Values.show(inf.elemValue[oe]) + " from "
                        + inf.th.name(observed) + ", which also wrote key " + Values.show(inf.keys.get(k)) + " = " + Values.show(inf.elemValue[u]) + ", before reading that key";
                if (w < 0) {
                    if (vanished == null && e < 0) {
                        vanished = why + " as nil: the observed write vanished.";
                        vanishedTxns = new int[]{observed, t};
                    }
                    continue;
                }
                graph.add(observed, w);
                facts.putIfAbsent(pair(observed, w), why + " as " + Values.show(inf.elemValue[e]) + ", so " + inf.th.name(observed) + "'s version comes first");
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
        for (int i = 0; i < inf.n; i++) priority[i] = inf.th.op(i).invokePosition();
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
