package dev.ariadne.checker.txn;

import dev.ariadne.checker.search.Budget;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Appends no read orders, as a polygraph's constraints (Papadimitriou 1979; Tan et al.'s Cobra, OSDI
 * 2020; Huang et al.'s PolySI, VLDB 2023): two committed transactions that appended to one key, no
 * read showing either append, come in one order or the other, and each order adds a ww edge. When
 * each order closes a cycle with at most one anti-dependency, every version order has a G-single
 * (Adya), which consistent view, parallel snapshot isolation (Cerone and Gotsman: no cycle with at
 * most one anti-dependency) and everything above them forbid; with none in either, a G1c. One order
 * is also ruled out when a transaction read the key and then appended to it: its append must come
 * first, or it went on top of a version it never read (a lost update, which cursor stability forbids).
 * <p>
 * The test is per pair. Each order needs a path back from the second writer to the first, so both
 * need the two in one strongly connected component of the graph, and the paths stay inside it: the
 * search looks there alone, with a 0-1 breadth-first search (anti-dependencies cost one).
 */
final class WriteConstraints {
    /** Edge visits allowed over all pairs before the search gives up (the verdict may then stay UNKNOWN). */
    static final long MAX_VISITS = 20_000_000L;

    private final ListAppendInference inf;
    private final DependencyGraph g;
    private final Budget budget;
    private long visits;
    /** False when the search gave up before looking at every pair. */
    boolean complete = true;

    private int[] comp;
    private final int[] dist;
    private final int[] parent;
    private final int[] parentType;
    private final int[] stamp;
    private final int[] queue;
    private int round;

    WriteConstraints(ListAppendInference inf, DependencyGraph g, Budget budget) {
        this.inf = inf;
        this.g = g;
        this.budget = budget;
        int n = inf.n;
        dist = new int[n];
        parent = new int[n];
        parentType = new int[n];
        stamp = new int[n];
        queue = new int[2 * n + 2];
    }

    /**
     * Per kind, the first pair each of whose orders is forbidden, using the data dependencies plus
     * {@code extra} (PROCESS, REALTIME): an order is forbidden when it closes a cycle with at most one
     * anti-dependency, or when it puts another writer's append between a version a transaction read
     * and its own append (a lost update, Adya's G-cursor, itself a G-single on one key). Each anomaly's
     * summary names both orders, each edge explained by {@code evidence}; kinds in {@code known} are skipped.
     */
    List<Anomaly> refute(int extra, Supplier<Evidence> evidence, java.util.Set<AnomalyKind> known) {
        List<Anomaly> out = new ArrayList<>();
        java.util.Set<AnomalyKind> seen = new java.util.HashSet<>(known);
        int mask = DependencyGraph.DATA | extra;
        comp = StronglyConnected.of(g, mask).component;
        for (int k = 0; k < inf.order.length; k++) {
            int[] ws = writers(k);
            if (ws.length < 2) continue;
            boolean[] cursor = cursorReaders(k, ws);
            for (int i = 0; i < ws.length; i++) {
                for (int j = i + 1; j < ws.length; j++) {
                    int u = ws[i];
                    int v = ws[j];
                    if (comp[u] < 0 || comp[u] != comp[v]) continue;
                    if (visits > MAX_VISITS || budget.expired()) {
                        complete = false;
                        return out;
                    }
                    // u's append first is a lost update when v read the version u's append goes on, and the reverse.
                    int[][] uFirst = cursor[j] ? CURSOR : path(v, u, mask);
                    if (uFirst == null) continue;
                    int[][] vFirst = cursor[i] ? CURSOR : path(u, v, mask);
                    if (vFirst == null) continue;
                    AnomalyKind kind = kind(uFirst, vFirst, extra);
                    if (seen.contains(kind)) continue;
                    Anomaly a = anomaly(kind, k, u, v, uFirst, vFirst, evidence.get());
                    if (a == null) continue;
                    out.add(a);
                    seen.add(kind);
                }
            }
        }
        return out;
    }

    /** Marks an order that is a lost update rather than a path. */
    private static final int[][] CURSOR = new int[0][];

    /**
     * Which of key k's unread writers read the key's latest version a read shows and then appended to
     * it: each one's append must come first of them all (else it went on a version it never read).
     */
    private boolean[] cursorReaders(int k, int[] ws) {
        boolean[] out = new boolean[ws.length];
        for (int r = 0; r < inf.reads; r++) {
            // Having read the whole known order, its own append cannot be in it: it is one of the unread.
            if (inf.readKey[r] != k || !inf.readUsable[r] || !inf.readThenAppend[r] || inf.readObserved[r] != inf.order[k].length) continue;
            for (int i = 0; i < ws.length; i++) if (ws[i] == inf.readTxn[r]) out[i] = true;
        }
        return out;
    }

    /**
     * The anomaly every version order shows: G1c when both orders close a cycle without an
     * anti-dependency; a lost update when one is a lost update and the other such a cycle (cursor
     * stability forbids both); else G-single (a lost update is one too), in the order's form.
     */
    private static AnomalyKind kind(int[][] uFirst, int[][] vFirst, int extra) {
        AnomalyKind.Order order = (extra & DependencyGraph.REALTIME) != 0 ? AnomalyKind.Order.REALTIME
                : (extra & DependencyGraph.PROCESS) != 0 ? AnomalyKind.Order.PROCESS : AnomalyKind.Order.NONE;
        boolean cursor = uFirst == CURSOR || vFirst == CURSOR;
        int rw = (uFirst == CURSOR ? 0 : count(uFirst[1])) + (vFirst == CURSOR ? 0 : count(vFirst[1]));
        if (rw == 0 && !cursor) return AnomalyKind.of(AnomalyKind.Type.G1C, order);
        if (rw == 0 && order == AnomalyKind.Order.NONE) return AnomalyKind.of(AnomalyKind.Type.LOST_UPDATE);
        return AnomalyKind.of(AnomalyKind.Type.G_SINGLE, order);
    }

    /** The distinct committed writers of key k's appends that no read shows. */
    private int[] writers(int k) {
        int[] es = inf.unobserved[k];
        int[] out = new int[es.length];
        int c = 0;
        for (int e : es) {
            int w = inf.elemWriter[e];
            boolean dup = false;
            for (int i = 0; i < c; i++) dup |= out[i] == w;
            if (!dup) out[c++] = w;
        }
        return Arrays.copyOf(out, c);
    }

    /**
     * A path from {@code from} to {@code to} with at most one anti-dependency, fewest first, as
     * {nodes, types} (types[i] from nodes[i] to nodes[i+1]); null when every path has two or more.
     */
    private int[][] path(int from, int to, int mask) {
        round++;
        int head = queue.length / 2;
        int tail = head;
        queue[tail++] = from;
        stamp[from] = round;
        dist[from] = 0;
        parent[from] = -1;
        while (head < tail) {
            int x = queue[head++];
            if (x == to) break;
            for (int e = g.start[x]; e < g.start[x + 1]; e++) {
                visits++;
                int y = g.target[e];
                if (comp[y] != comp[from]) continue;
                int t = g.types[e] & mask;
                if (t == 0) continue;
                int free = t & ~DependencyGraph.RW;
                int cost = free != 0 ? 0 : 1;
                int d = dist[x] + cost;
                if (d > 1 || (stamp[y] == round && dist[y] <= d)) continue;
                stamp[y] = round;
                dist[y] = d;
                parent[y] = x;
                parentType[y] = free != 0 ? Integer.lowestOneBit(free) : DependencyGraph.RW;
                if (cost == 0) queue[--head] = y;
                else queue[tail++] = y;
            }
        }
        if (stamp[to] != round) return null;
        int len = 0;
        for (int x = to; x != from; x = parent[x]) len++;
        int[] nodes = new int[len + 1];
        int[] types = new int[len];
        int x = to;
        for (int i = len; i > 0; i--) {
            nodes[i] = x;
            types[i - 1] = parentType[x];
            x = parent[x];
        }
        nodes[0] = from;
        return new int[][] {nodes, types};
    }

    private Anomaly anomaly(AnomalyKind kind, int k, int u, int v, int[][] uFirst, int[][] vFirst, Evidence evidence) {
        TxnHistory th = inf.th;
        String key = Values.show(inf.keys.get(k));
        StringBuilder sb = new StringBuilder(th.name(u) + " and " + th.name(v) + " both appended to key " + key
                + " and no read shows either append, so one of them comes first in its version order, and either way is forbidden:");
        List<Integer> txns = new ArrayList<>();
        for (int side = 0; side < 2; side++) {
            int first = side == 0 ? u : v;
            int second = side == 0 ? v : u;
            int[][] p = side == 0 ? uFirst : vFirst;
            sb.append("\n  if ").append(th.name(first)).append("'s append comes first: ");
            if (p == CURSOR) {
                sb.append(th.name(second)).append(" read the key's latest version a read shows and then appended to it, so its update goes on top of ")
                        .append(th.name(first)).append("'s, a version it never read (a lost update, Adya's G-cursor)");
                if (!txns.contains(first)) txns.add(first);
                if (!txns.contains(second)) txns.add(second);
                continue;
            }
            sb.append(th.name(first)).append(" -ww-> ").append(th.name(second)).append(" (the assumed order)");
            for (int i = 0; i < p[1].length; i++) {
                String why = evidence.explain(p[0][i], p[0][i + 1], p[1][i]);
                if (why == null) return null;
                sb.append(", -").append(DependencyGraph.name(p[1][i])).append("-> ").append(th.name(p[0][i + 1])).append(" (").append(why).append(')');
            }
            sb.append(": a cycle with ").append(count(p[1]) == 0 ? "no anti-dependency" : "one anti-dependency");
            for (int t : p[0]) if (!txns.contains(t)) txns.add(t);
        }
        return Anomaly.of(kind, sb.toString(), txns.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int count(int[] types) {
        int rw = 0;
        for (int t : types) if (t == DependencyGraph.RW) rw++;
        return rw;
    }
}
