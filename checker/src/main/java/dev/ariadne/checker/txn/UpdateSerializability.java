package dev.ariadne.checker.txn;

import dev.ariadne.checker.report.TransactionalWitness;

import java.util.ArrayList;
import java.util.List;

/**
 * Update serializability, Adya's PL-3U (Adya 1999, section 4.2): the update transactions are
 * serializable, and so is each read-only transaction together with them, though different read-only
 * transactions may see the updates in different orders. It fails by G-update: a cycle with an
 * anti-dependency in the dependency graph of the update transactions plus one read-only transaction.
 * On list-append the version order is known (an append no read shows follows every one a read shows),
 * so a cycle found here is one in every execution; the witness of a VALID is a version order (a
 * topological order of the updates' dependencies), which the verifier checks for G-update itself.
 */
final class UpdateSerializability {
    /** Steps the read-only searches may take before the answer is left open. */
    static final long MAX_WORK = 100_000_000L;

    private final ListAppendInference inf;
    private final DependencyGraph g;
    private final boolean[] update;
    boolean complete = true;

    UpdateSerializability(ListAppendInference inf, DependencyGraph g) {
        this.inf = inf;
        this.g = g;
        update = new boolean[inf.n];
        for (int e = 0; e < inf.elements; e++) if (inf.committed[inf.elemWriter[e]]) update[inf.elemWriter[e]] = true;
    }

    /** The G-update found, or null. */
    Anomaly find() {
        Topo t = new Topo(inf.n);
        t.addAll(g, DependencyGraph.DATA, update);
        int[] among = t.cycle(update);
        if (among != null) {
            boolean rw = false;
            for (int i = 0; i < among.length; i++) rw |= (g.types(among[i], among[(i + 1) % among.length]) & DependencyGraph.RW) != 0;
            if (rw) return anomaly(among, -1);
        }
        int n = inf.n;
        int[] mark = new int[n];
        int[] parent = new int[n];
        int[] stack = new int[n];
        int stamp = 0;
        long work = 0;
        for (int r = 0; r < n; r++) {
            if (update[r] || !inf.committed[r] || !inf.th.ok(r)) continue;
            boolean any = false;
            for (int e = g.start[r]; e < g.start[r + 1] && !any; e++) any = (g.types[e] & DependencyGraph.RW) != 0;
            if (!any) continue;
            stamp++;
            int top = 0;
            for (int e = g.start[r]; e < g.start[r + 1]; e++) {
                int s = g.target[e];
                if ((g.types[e] & DependencyGraph.RW) == 0 || !update[s] || mark[s] == stamp) continue;
                mark[s] = stamp;
                parent[s] = -1;
                stack[top++] = s;
            }
            while (top > 0) {
                int u = stack[--top];
                if ((g.types(u, r) & DependencyGraph.WR) != 0) {
                    List<Integer> path = new ArrayList<>();
                    for (int x = u; x >= 0; x = parent[x]) path.add(0, x);
                    int[] cycle = new int[path.size() + 1];
                    cycle[0] = r;
                    for (int i = 0; i < path.size(); i++) cycle[i + 1] = path.get(i);
                    return anomaly(cycle, r);
                }
                if ((work += g.start[u + 1] - g.start[u] + 1) > MAX_WORK) {
                    complete = false;
                    return null;
                }
                for (int e = g.start[u]; e < g.start[u + 1]; e++) {
                    int w = g.target[e];
                    if ((g.types[e] & DependencyGraph.DATA) == 0 || !update[w] || mark[w] == stamp) continue;
                    mark[w] = stamp;
                    parent[w] = u;
                    stack[top++] = w;
                }
            }
        }
        return null;
    }

    private Anomaly anomaly(int[] cycle, int readOnly) {
        StringBuilder sb = new StringBuilder(readOnly < 0 ? "The update transactions alone are not serializable: "
                : "With " + inf.th.name(readOnly) + " as the one read-only transaction, the update transactions' dependencies close a cycle: ");
        for (int i = 0; i < cycle.length; i++) {
            int a = cycle[i];
            int b = cycle[(i + 1) % cycle.length];
            sb.append(i == 0 ? "" : ", ").append(inf.th.name(a)).append(" < ").append(inf.th.name(b)).append(" (").append(DependencyGraph.name(edgeType(a, b))).append(')');
        }
        return Anomaly.of(AnomalyKind.Type.G_UPDATE, sb.append('.').toString(), cycle);
    }

    private int edgeType(int a, int b) {
        int ty = g.types(a, b);
        if ((ty & DependencyGraph.RW) != 0) return DependencyGraph.RW;
        if ((ty & DependencyGraph.WR) != 0) return DependencyGraph.WR;
        return DependencyGraph.WW;
    }

    /** A version order: the updates in an order of their dependencies, each read-only transaction after the writers it read. */
    TransactionalWitness witness() {
        Topo t = new Topo(inf.n);
        t.addAll(g, DependencyGraph.DATA, update);
        for (int u = 0; u < inf.n; u++) {
            if (!update[u]) continue;
            for (int e = g.start[u]; e < g.start[u + 1]; e++) {
                int v = g.target[e];
                if (inf.committed[v] && !update[v] && (g.types[e] & DependencyGraph.WR) != 0) t.add(u, v);
            }
        }
        long[] priority = new long[inf.n];
        for (int i = 0; i < inf.n; i++) priority[i] = inf.th.invokePosition(i);
        int[] order = t.order(inf.committed, priority);
        return order == null ? null : TransactionalWitness.versionOrder(order, "a version order: the updates in an order of their dependencies, each read-only transaction after what it read");
    }
}
