package dev.ariadne.checker.txn;

import dev.ariadne.checker.search.Budget;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static dev.ariadne.checker.txn.AnomalyKind.Type.*;

/**
 * Finds the cycle anomalies of Adya's thesis (1999) in a dependency graph, each as a shortest cycle
 * through one of its edges (breadth-first search inside a strongly connected component, as Elle does):
 * <ul>
 *   <li>G0: a cycle of ww edges (write cycles);</li>
 *   <li>G1c: a cycle of ww and wr edges (circular information flow);</li>
 *   <li>G-single: a cycle with exactly one rw edge (read skew);</li>
 *   <li>G-nonadjacent: a cycle with two or more rw edges, no two of them adjacent; snapshot isolation
 *       forbids it (Cerone and Gotsman, "Analysing snapshot isolation", PODC 2016);</li>
 *   <li>G2-item: any cycle with an rw edge (on items: list-append has no predicates).</li>
 * </ul>
 * Each also in a {@code -process} variant, whose cycle needs process-order edges, and a
 * {@code -realtime} variant, whose cycle needs real-time edges. A variant is searched only when the
 * weaker one is absent (a G0 is trivially a G0-process), so every cycle found is of the class it is
 * named. Existence is decided exhaustively (a class is either found, proven absent, or left
 * {@link #incomplete} when its budget runs out: the overall time limit, or {@link #CLASS_MILLIS} for
 * one class, so that no component, however large, stalls the report); shortness is best effort over a bounded number of
 * candidate edges.
 */
final class CycleSearch {
    private static final AnomalyKind.Order[] ORDERS = AnomalyKind.Order.values();
    private static final int[] EXTRA = {0, DependencyGraph.PROCESS, DependencyGraph.PROCESS | DependencyGraph.REALTIME};
    private static final int CANDIDATES = 64;

    private final DependencyGraph g;
    private final Budget overall;
    /** The current class's budget: a slice of the overall one, so one huge component cannot stall the rest. */
    private Budget budget;
    /** How long the search for one anomaly class may take (then that class is left undecided). */
    static final long CLASS_MILLIS = 20_000;
    /** The cycle found for each anomaly, in order of discovery. */
    final Map<AnomalyKind, Anomaly> found = new LinkedHashMap<>();
    /** Anomalies whose search ran out of budget before it could prove them absent. */
    final Set<AnomalyKind> incomplete = new LinkedHashSet<>();
    private int[] seen;
    private int[] parent;
    private int[] queue;
    private int stamp;

    CycleSearch(DependencyGraph g, Budget budget) {
        this.g = g;
        this.overall = budget;
        this.budget = budget;
    }

    /** Whether the graph restricted to {@code mask} has any cycle. */
    static boolean cyclic(DependencyGraph g, int mask) {
        return StronglyConnected.of(g, mask).count > 0;
    }

    /** Set by {@link #run()}: the graph with every edge type has no cycle at all. */
    boolean acyclic;

    void run() {
        // Every cycle class lives in the graph with all edge types: when that is acyclic, so is the rest.
        acyclic = !cyclic(g, DependencyGraph.DATA | EXTRA[EXTRA.length - 1]);
        if (acyclic) return;
        seen = new int[4 * g.n];
        parent = new int[4 * g.n];
        queue = new int[4 * g.n];
        for (int v = 0; v < ORDERS.length; v++) {
            int x = EXTRA[v];
            StronglyConnected all = StronglyConnected.of(g, DependencyGraph.DATA | x);
            if (all.count == 0) continue;
            AnomalyKind.Order o = ORDERS[v];
            if (!anyFound(G0, v)) {
                StronglyConnected c = StronglyConnected.of(g, DependencyGraph.WW | x);
                if (c.count > 0) search(AnomalyKind.of(G0, o), c, DependencyGraph.WW | x, DependencyGraph.WW | x);
            }
            if (!anyFound(G0, v) && !anyFound(G1C, v)) {
                StronglyConnected c = StronglyConnected.of(g, DependencyGraph.WW | DependencyGraph.WR | x);
                if (c.count > 0) search(AnomalyKind.of(G1C, o), c, DependencyGraph.WW | DependencyGraph.WR | x, DependencyGraph.WW | DependencyGraph.WR | x);
            }
            if (!anyFound(G_SINGLE, v)) search(AnomalyKind.of(G_SINGLE, o), all, DependencyGraph.RW, DependencyGraph.WW | DependencyGraph.WR | x);
            if (!anyFound(G_SINGLE, v) && !anyFound(G_NONADJACENT, v)) nonadjacent(AnomalyKind.of(G_NONADJACENT, o), all, x);
            if (!anyFound(G_SINGLE, v) && !anyFound(G_NONADJACENT, v) && !anyFound(G2_ITEM, v)) {
                search(AnomalyKind.of(G2_ITEM, o), all, DependencyGraph.RW, DependencyGraph.DATA | x);
            }
        }
    }

    /** A short cycle over edges of {@code mask} (through the first node of a nontrivial component), as nodes; null if the graph has none. */
    int[] anyCycle(int mask) {
        StronglyConnected scc = StronglyConnected.of(g, mask);
        if (scc.count == 0) return null;
        if (seen == null || seen.length < 4 * g.n) {
            seen = new int[4 * g.n];
            parent = new int[4 * g.n];
            queue = new int[4 * g.n];
        }
        int u = 0;
        while (scc.component[u] < 0) u++;
        int[] best = null;
        for (int e = g.start[u]; e < g.start[u + 1]; e++) {
            int w = g.target[e];
            if ((g.types[e] & mask) == 0 || !scc.together(u, w)) continue;
            int[] p = path(w, u, mask, scc);
            if (p != null && (best == null || p.length < best.length)) {
                best = new int[p.length];
                best[0] = u;
                System.arraycopy(p, 0, best, 1, p.length - 1);
            }
        }
        return best;
    }

    private boolean anyFound(AnomalyKind.Type type, int upToVariant) {
        for (int v = 0; v <= upToVariant; v++) if (found.containsKey(AnomalyKind.of(type, ORDERS[v]))) return true;
        return false;
    }

    /**
     * Cycles that close an edge of a type in {@code first} with a path over {@code rest}, inside one
     * component of {@code scc}; keeps the shortest of up to {@link #CANDIDATES} found.
     */
    private void search(AnomalyKind name, StronglyConnected scc, int first, int rest) {
        budget = overall.slice(CLASS_MILLIS);
        int[] best = null;
        int bestType = 0;
        int hits = 0;
        for (int u = 0; u < g.n && hits < CANDIDATES; u++) {
            if (scc.component[u] < 0) continue;
            for (int e = g.start[u]; e < g.start[u + 1] && hits < CANDIDATES; e++) {
                int w = g.target[e];
                int t = g.types[e] & first;
                if (t == 0 || !scc.together(u, w)) continue;
                if (budget.expired()) {
                    if (best == null) incomplete.add(name);
                    record(name, best, bestType, rest);
                    return;
                }
                int[] path = path(w, u, rest, scc);
                if (path == null) continue;
                hits++;
                if (best == null || path.length < best.length) {
                    best = new int[path.length + 1];
                    best[0] = u;
                    System.arraycopy(path, 0, best, 1, path.length);
                    bestType = lowest(t);
                }
            }
        }
        record(name, best, bestType, rest);
    }

    private void record(AnomalyKind name, int[] nodes, int firstType, int rest) {
        if (nodes == null) return;
        // nodes = u, w, ..., u: drop the repeated end.
        int len = nodes.length - 1;
        int[] txns = Arrays.copyOf(nodes, len);
        int[] types = new int[len];
        types[0] = firstType;
        for (int i = 1; i < len; i++) types[i] = lowest(g.types(txns[i], txns[(i + 1) % len]) & rest);
        found.put(name, Anomaly.cycle(name, txns, types));
    }

    /** Prefers the most basic type: ww, then wr, process, realtime, rw. */
    private static int lowest(int types) {
        for (int t : new int[]{DependencyGraph.WW, DependencyGraph.WR, DependencyGraph.PROCESS, DependencyGraph.REALTIME, DependencyGraph.RW}) {
            if ((types & t) != 0) return t;
        }
        throw new IllegalStateException("no type among " + types);
    }

    /** A shortest path from {@code from} to {@code to} over edges of {@code mask} inside their component, as nodes; null if none. */
    private int[] path(int from, int to, int mask, StronglyConnected scc) {
        int comp = scc.component[from];
        stamp++;
        int head = 0;
        int tail = 0;
        queue[tail++] = from;
        seen[from] = stamp;
        parent[from] = -1;
        while (head < tail) {
            int v = queue[head++];
            if (v == to) {
                int len = 0;
                for (int x = v; x >= 0; x = parent[x]) len++;
                int[] out = new int[len];
                for (int x = v, i = len - 1; x >= 0; x = parent[x]) out[i--] = x;
                return out;
            }
            for (int e = g.start[v]; e < g.start[v + 1]; e++) {
                int w = g.target[e];
                if ((g.types[e] & mask) == 0 || seen[w] == stamp || scc.component[w] != comp) continue;
                seen[w] = stamp;
                parent[w] = v;
                queue[tail++] = w;
            }
        }
        return null;
    }

    /**
     * G-nonadjacent: for each rw edge u -> w, a breadth-first search from w back to u over states
     * (node, whether the last edge was rw, whether a second rw edge was taken), never taking two rw
     * edges in a row and arriving at u over a non-rw edge.
     */
    private void nonadjacent(AnomalyKind name, StronglyConnected scc, int x) {
        budget = overall.slice(CLASS_MILLIS);
        int other = DependencyGraph.WW | DependencyGraph.WR | x;
        int[] best = null;
        int hits = 0;
        for (int u = 0; u < g.n && hits < CANDIDATES; u++) {
            if (scc.component[u] < 0) continue;
            for (int e = g.start[u]; e < g.start[u + 1] && hits < CANDIDATES; e++) {
                int w = g.target[e];
                if ((g.types[e] & DependencyGraph.RW) == 0 || !scc.together(u, w)) continue;
                if (budget.expired()) {
                    if (best == null) incomplete.add(name);
                    recordStates(name, best, other);
                    return;
                }
                int[] states = statePath(u, w, other, scc);
                if (states == null) continue;
                hits++;
                if (best == null || states.length < best.length) best = states;
            }
        }
        recordStates(name, best, other);
    }

    private int[] statePath(int u, int w, int other, StronglyConnected scc) {
        int comp = scc.component[u];
        stamp++;
        int head = 0;
        tail = 0;
        int goal = u * 4 + 1; // last edge not rw, a second rw taken
        visit(w * 4 + 2, -1); // the rw edge u -> w was the last edge, no second rw yet
        while (head < tail) {
            int s = queue[head++];
            if (s == goal) {
                int len = 0;
                for (int y = s; y >= 0; y = parent[y]) len++;
                int[] out = new int[len + 1];
                out[0] = u * 4 + 2; // the rw edge u -> w opens the cycle
                for (int y = s, i = len; y >= 0; y = parent[y]) out[i--] = y;
                return out;
            }
            int v = s >> 2;
            if (v == u) continue;
            boolean lastRw = (s & 2) != 0;
            int second = s & 1;
            for (int e = g.start[v]; e < g.start[v + 1]; e++) {
                int y = g.target[e];
                if (scc.component[y] != comp) continue;
                int t = g.types[e];
                if ((t & other) != 0) visit(y * 4 + second, s);
                if ((t & DependencyGraph.RW) != 0 && !lastRw) visit(y * 4 + 2 + 1, s);
            }
        }
        return null;
    }

    private int tail;

    private void visit(int state, int from) {
        if (seen[state] == stamp) return;
        seen[state] = stamp;
        parent[state] = from;
        queue[tail++] = state;
    }

    /** Records a state path u, w, ..., u as a cycle, if its nodes are distinct. */
    private void recordStates(AnomalyKind name, int[] states, int other) {
        if (states == null) return;
        int len = states.length - 1;
        int[] txns = new int[len];
        int[] types = new int[len];
        for (int i = 0; i < len; i++) txns[i] = states[i] >> 2;
        for (int i = 0; i < len; i++) {
            boolean rw = (states[i + 1] & 2) != 0;
            types[i] = rw ? DependencyGraph.RW : lowest(g.types(txns[i], states[i + 1] >> 2) & other);
        }
        int[] sorted = txns.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                incomplete.add(name); // a closed walk that is not a simple cycle: not reported as one
                return;
            }
        }
        found.put(name, Anomaly.cycle(name, txns, types));
    }

    /** The names of every anomaly found, with those they imply ({@link AnomalyImplications}). */
    Set<AnomalyKind> present() {
        Set<AnomalyKind> out = new LinkedHashSet<>();
        for (AnomalyKind name : found.keySet()) out.addAll(AnomalyImplications.implied(name));
        return out;
    }
}
