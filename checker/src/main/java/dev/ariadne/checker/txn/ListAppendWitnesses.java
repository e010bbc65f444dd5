package dev.ariadne.checker.txn;

import dev.ariadne.checker.report.TransactionalWitness;

/**
 * Builds the witnesses of a list-append history from its inferred version orders and dependency
 * graph: serial orders are topological orders of the dependencies (plus process or real-time order);
 * snapshot schedules come from {@link SnapshotSchedule}; a prefix schedule orders starts and commits
 * with ww as commit-before-commit; visibility relations are the observations (each read sees the
 * writers of what it shows), closed transitively for causal and, with each key's writers chained,
 * for PSI; the version order for read committed and below is a topological order of ww and wr.
 */
final class ListAppendWitnesses {
    private final ListAppendInference inf;
    private final DependencyGraph g;
    private final SnapshotSchedule si;
    private final long[] priority;

    ListAppendWitnesses(ListAppendInference inf, DependencyGraph g, SnapshotSchedule si) {
        this.inf = inf;
        this.g = g;
        this.si = si;
        priority = new long[inf.n];
        for (int t = 0; t < inf.n; t++) priority[t] = inf.th.invokePosition(t);
    }

    TransactionalWitness build(Witnesses.Kind kind) {
        return switch (kind) {
            case SERIAL_REALTIME -> serial(DependencyGraph.DATA | DependencyGraph.PROCESS | DependencyGraph.REALTIME, " respecting real time");
            case SERIAL_PROCESS -> serial(DependencyGraph.DATA | DependencyGraph.PROCESS, " respecting each process's order");
            case SERIAL -> serial(DependencyGraph.DATA, "");
            case UPDATE_ORDER -> new UpdateSerializability(inf, g).witness();
            case SI_REALTIME -> si.schedule(DependencyGraph.PROCESS | DependencyGraph.REALTIME, " respecting real time");
            case SI_PROCESS -> si.schedule(DependencyGraph.PROCESS, " respecting each process's order");
            case SI -> si.schedule(0, "");
            case PREFIX -> prefix();
            case PSI -> visibility(true, true, "a visibility relation: what each transaction observed and each key's earlier writers, closed transitively");
            case CAUSAL -> visibility(true, false, "a visibility relation: what each transaction observed, closed transitively");
            case READ_ATOMIC -> visibility(false, false, "a visibility relation: what each transaction observed");
            case COMMITTED_ORDER -> committedOrder();
            case WRITE_ORDER -> versionOrder(DependencyGraph.WW, "a version order of the committed appends");
            case CONSISTENT_ORDER, CURSOR_ORDER, MONOTONIC_ORDER -> null; // list-append's reads show its version orders: the committed order serves
        };
    }

    private int[] order(int mask, int[][] extra) {
        Topo t = new Topo(inf.n);
        t.addAll(g, mask, inf.committed);
        if (extra != null) for (int[] e : extra) t.add(e[0], e[1]);
        return t.order(inf.committed, priority);
    }

    private TransactionalWitness serial(int mask, String variant) {
        int[] o = order(mask, null);
        return o == null ? null : TransactionalWitness.serial(o, "a serial order" + variant + " (a topological order of the dependency graph)");
    }

    /**
     * A topological order of ww and wr in which, where it can, a transaction that read a key and then
     * appended to it, its append unread, comes first among the unread appends to that key: its write
     * then follows the version it read (Adya's PL-CS) and no other writer's lands between.
     */
    private TransactionalWitness committedOrder() {
        String found = "a version order in which every read shows a committed version installed before it";
        java.util.List<int[]> cursor = new java.util.ArrayList<>();
        for (int r = 0; r < inf.reads; r++) {
            if (!inf.readUsable[r] || !inf.readThenAppend[r]) continue;
            int t = inf.readTxn[r];
            int k = inf.readKey[r];
            if (!inf.committed[t] || inf.readObserved[r] != inf.order[k].length) continue;
            boolean unread = false;
            for (int e : inf.unobserved[k]) unread |= inf.elemWriter[e] == t;
            if (!unread) continue;
            for (int e : inf.unobserved[k]) if (inf.elemWriter[e] != t) cursor.add(new int[] {t, inf.elemWriter[e]});
        }
        if (!cursor.isEmpty()) {
            int[] o = order(DependencyGraph.WW | DependencyGraph.WR, cursor.toArray(new int[0][]));
            if (o != null) return TransactionalWitness.versionOrder(o, found);
        }
        return versionOrder(DependencyGraph.WW | DependencyGraph.WR, found);
    }

    private TransactionalWitness versionOrder(int mask, String found) {
        int[] o = order(mask, null);
        return o == null ? null : TransactionalWitness.versionOrder(o, found);
    }

    /** Prefix consistency: SI's schedule without write conflicts (ww orders commits only). */
    private TransactionalWitness prefix() {
        Topo t = prefixGraph();
        int[] events = t.order(prefixNodes(), prefixPriority());
        return events == null ? null : SnapshotSchedule.fromEvents(events, inf.n, "a prefix schedule (each transaction sees a prefix of the commit order)");
    }

    /**
     * When no prefix schedule exists whatever order the unread appends take (the graph is cyclic
     * without them), the anomaly, with the cycle of starts and commits; else null.
     */
    Anomaly prefixRefutation() {
        Topo t = prefixGraph();
        boolean[] include = prefixNodes();
        if (t.order(include, prefixPriority()) != null) return null;
        int[] c = t.cycle(include);
        if (c == null) return null;
        StringBuilder sb = new StringBuilder("No transaction order gives every transaction a prefix of it as its snapshot: ");
        int[] txns = new int[c.length];
        for (int j = 0; j < c.length; j++) {
            sb.append(j == 0 ? "" : " < ").append(inf.th.name(c[j] / 2)).append(c[j] % 2 == 0 ? " takes its snapshot" : " commits");
            txns[j] = c[j] / 2;
        }
        sb.append(" < ").append(inf.th.name(c[0] / 2)).append(c[0] % 2 == 0 ? " takes its snapshot" : " commits")
                .append(" (a read puts the writer's commit before the reader's snapshot; a read that misses a write puts the reader's snapshot before the"
                        + " writer's commit; the version order orders commits).");
        return Anomaly.of(AnomalyKind.Type.NON_PREFIX_SNAPSHOT, sb.toString(), java.util.Arrays.stream(txns).distinct().toArray());
    }

    private boolean[] prefixNodes() {
        boolean[] include = new boolean[2 * inf.n];
        for (int u = 0; u < inf.n; u++) include[2 * u] = include[2 * u + 1] = inf.committed[u];
        return include;
    }

    private long[] prefixPriority() {
        long[] prio = new long[2 * inf.n];
        for (int u = 0; u < inf.n; u++) {
            prio[2 * u] = 2 * priority[u];
            prio[2 * u + 1] = 2L * Math.min(inf.th.returnPosition(u), Integer.MAX_VALUE / 2) + 1;
        }
        return prio;
    }

    private Topo prefixGraph() {
        Topo t = new Topo(2 * inf.n);
        for (int u = 0; u < inf.n; u++) {
            if (!inf.committed[u]) continue;
            t.add(2 * u, 2 * u + 1);
            for (int e = g.start[u]; e < g.start[u + 1]; e++) {
                int v = g.target[e];
                if (!inf.committed[v]) continue;
                if ((g.types[e] & DependencyGraph.WR) != 0) t.add(2 * u + 1, 2 * v);
                if ((g.types[e] & DependencyGraph.WW) != 0) t.add(2 * u + 1, 2 * v + 1);
                if ((g.types[e] & DependencyGraph.RW) != 0) t.add(2 * u, 2 * v + 1);
            }
        }
        return t;
    }

    /** Observations (and, for PSI, each key's writers in a chain) as visibility edges over a topological order of ww and wr. */
    private TransactionalWitness visibility(boolean transitive, boolean writeChains, String found) {
        Topo edges = new Topo(inf.n);
        for (int r = 0; r < inf.reads; r++) {
            if (!inf.readUsable[r]) continue;
            int t = inf.readTxn[r];
            int lastWriter = -1;
            for (int i = 0; i < inf.readObserved[r]; i++) {
                int w = inf.elemWriter[inf.readElem(r, i)];
                if (w == t || w == lastWriter || !inf.committed[w]) continue;
                lastWriter = w;
                edges.add(w, t);
            }
        }
        if (writeChains) {
            for (int k = 0; k < inf.order.length; k++) {
                int prev = -1;
                for (int e : inf.order[k]) {
                    int w = inf.elemWriter[e];
                    if (!inf.committed[w] || w == prev) continue;
                    if (prev >= 0) edges.add(prev, w);
                    prev = w;
                }
                for (int e : inf.unobserved[k]) {
                    int w = inf.elemWriter[e];
                    if (w == prev) continue;
                    if (prev >= 0) edges.add(prev, w);
                    prev = w;
                }
            }
        }
        Topo all = edges.copy();
        all.addAll(g, DependencyGraph.WW | DependencyGraph.WR, inf.committed);
        int[] order = all.order(inf.committed, priority);
        if (order == null) return null;
        int[] pos = new int[inf.n];
        for (int p = 0; p < order.length; p++) pos[order[p]] = p;
        int[][] e = edges.edges();
        int[] from = new int[e[0].length];
        int[] to = new int[e[0].length];
        for (int i = 0; i < from.length; i++) {
            from[i] = pos[e[0][i]];
            to[i] = pos[e[1][i]];
        }
        return TransactionalWitness.visibility(order, from, to, transitive, found);
    }
}
