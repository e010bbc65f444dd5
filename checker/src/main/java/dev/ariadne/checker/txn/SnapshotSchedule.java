package dev.ariadne.checker.txn;

import dev.ariadne.checker.report.TransactionalWitness;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Snapshot isolation as a schedule (Adya's start-ordered serialization graph; Cerone and Gotsman,
 * "Analysing snapshot isolation", PODC 2016): each committed transaction gets a start and a commit
 * event; a ww or wr dependency puts the first's commit before the second's start, an anti-dependency
 * puts the reader's start before the writer's commit, and (for the strong forms) process or real-time
 * order puts commit before start. The history is SI under the inferred version order exactly when
 * these events can be ordered; the order gives every transaction its snapshot.
 * <p>
 * What the reads leave open is a choice, not an absent edge: appends to one key that no read shows
 * must still be ordered, and under SI one such writer commits before the other starts. The schedule
 * tries them in the order their starts take without the choices, then searches every pair's two
 * orders ({@link UnreadWriterOrders}); when none is left, the history is not SI, and the report names
 * the alternatives (each order's cycle, while there are few enough to try one by one). When the
 * search stops at its bound, there is no witness and the verdict stays UNKNOWN.
 */
final class SnapshotSchedule {
    /** The most orders of unobserved appends tried one by one. */
    static final int MAX_ORDERS = 720;

    private final ListAppendInference inf;
    private final DependencyGraph g;
    /** Per key with two or more writers no read shows: those writers. */
    private final List<int[]> groups = new ArrayList<>();
    private final List<Integer> groupKeys = new ArrayList<>();
    /** Set when every order was tried and each closed a cycle: the anomaly to report. */
    Anomaly refuted;

    SnapshotSchedule(ListAppendInference inf, DependencyGraph g) {
        this.inf = inf;
        this.g = g;
        for (int k = 0; k < inf.order.length; k++) {
            int[] ws = Arrays.stream(inf.unobserved[k]).map(e -> inf.elemWriter[e]).distinct().toArray();
            if (ws.length < 2) continue;
            groups.add(ws);
            groupKeys.add(k);
        }
    }

    /** Whether some choice is open (else the schedule needs no search). */
    boolean hasChoices() {
        return !groups.isEmpty();
    }

    /** A schedule respecting the data dependencies plus {@code extra} (PROCESS, REALTIME), or null. */
    TransactionalWitness schedule(int extra, String variant) {
        int n = inf.n;
        boolean[] include = new boolean[2 * n];
        long[] priority = new long[2 * n];
        Topo base = events(inf.th, inf.committed, include, priority);
        for (int u = 0; u < n; u++) {
            if (!inf.committed[u]) continue;
            for (int e = g.start[u]; e < g.start[u + 1]; e++) {
                int v = g.target[e];
                if (!inf.committed[v]) continue;
                if ((g.types[e] & (DependencyGraph.WW | DependencyGraph.WR | extra)) != 0) base.add(2 * u + 1, 2 * v);
                if ((g.types[e] & DependencyGraph.RW) != 0) base.add(2 * u, 2 * v + 1);
            }
        }
        long combos = 1;
        for (int[] ws : groups) for (int i = 2; i <= ws.length && combos <= MAX_ORDERS; i++) combos *= i;
        int[] baseOrder = base.order(include, priority);
        if (baseOrder != null) {
            // First the writers in the order their starts take without the choices, then the search over each pair's two orders.
            int[] position = new int[2 * n];
            java.util.Arrays.fill(position, -1);
            for (int i = 0; i < baseOrder.length; i++) position[baseOrder[i]] = i;
            int[][] perm = new int[groups.size()][];
            for (int i = 0; i < perm.length; i++) perm[i] = sortedByStart(groups.get(i), position);
            int[] order = attempt(base, perm, include, priority);
            if (order != null) return witness(order, variant);
            UnreadWriterOrders search = new UnreadWriterOrders(2 * n, base.edges(), groups.toArray(new int[0][]), position);
            int[][] found = search.search();
            order = found == null ? null : attempt(base, found, include, priority);
            if (order != null) return witness(order, variant);
            if (search.cut || found != null) return null;
        }
        // No order exists: with few enough, try each to name the cycle it closes.
        List<int[]> cycles = new ArrayList<>();
        List<int[][]> tried = new ArrayList<>();
        if (baseOrder == null) {
            // The dependencies close a cycle before any choice: every order has it.
            tried.add(groups.toArray(new int[0][]));
            cycles.add(base.cycle(include));
        } else if (combos <= MAX_ORDERS) {
            int[][] perm = new int[groups.size()][];
            for (int i = 0; i < perm.length; i++) perm[i] = groups.get(i).clone();
            int[] order = enumerate(base, perm, 0, include, priority, cycles, tried);
            if (order != null) return witness(order, variant);
        }
        refuted = refutation(variant, extra, tried, cycles);
        return null;
    }

    /**
     * The start (2t) and commit (2t+1) events of the committed transactions, each start before its
     * commit; fills {@code include} and {@code priority} (invocation for a start, completion for a
     * commit, so that ties go as the history ran).
     */
    static Topo events(TxnHistory th, boolean[] committed, boolean[] include, long[] priority) {
        int n = committed.length;
        Topo events = new Topo(2 * n);
        for (int t = 0; t < n; t++) {
            if (!committed[t]) continue;
            include[2 * t] = include[2 * t + 1] = true;
            priority[2 * t] = 2L * th.invokePosition(t);
            priority[2 * t + 1] = 2L * Math.min(th.returnPosition(t), Integer.MAX_VALUE / 2) + 1;
            events.add(2 * t, 2 * t + 1);
        }
        return events;
    }

    private static int[] sortedByStart(int[] ws, int[] position) {
        long[] keyed = new long[ws.length];
        for (int i = 0; i < ws.length; i++) keyed[i] = ((long) position[2 * ws[i]] << 32) | ws[i];
        Arrays.sort(keyed);
        int[] out = new int[ws.length];
        for (int i = 0; i < ws.length; i++) out[i] = (int) keyed[i];
        return out;
    }

    private int[] attempt(Topo base, int[][] perm, boolean[] include, long[] priority) {
        Topo t = base.copy();
        for (int[] p : perm) for (int i = 1; i < p.length; i++) t.add(2 * p[i - 1] + 1, 2 * p[i]);
        return t.order(include, priority);
    }

    private int[] enumerate(Topo base, int[][] perm, int group, boolean[] include, long[] priority, List<int[]> cycles, List<int[][]> tried) {
        if (group == perm.length) {
            int[] order = attempt(base, perm, include, priority);
            if (order != null) return order;
            Topo t = base.copy();
            for (int[] p : perm) for (int i = 1; i < p.length; i++) t.add(2 * p[i - 1] + 1, 2 * p[i]);
            cycles.add(t.cycle(include));
            int[][] copy = new int[perm.length][];
            for (int i = 0; i < perm.length; i++) copy[i] = perm[i].clone();
            tried.add(copy);
            return null;
        }
        return permute(base, perm, group, 0, include, priority, cycles, tried);
    }

    private int[] permute(Topo base, int[][] perm, int group, int i, boolean[] include, long[] priority, List<int[]> cycles, List<int[][]> tried) {
        int[] p = perm[group];
        if (i == p.length) return enumerate(base, perm, group + 1, include, priority, cycles, tried);
        for (int j = i; j < p.length; j++) {
            swap(p, i, j);
            int[] found = permute(base, perm, group, i + 1, include, priority, cycles, tried);
            swap(p, i, j);
            if (found != null) return found;
        }
        return null;
    }

    private static void swap(int[] a, int i, int j) {
        int x = a[i];
        a[i] = a[j];
        a[j] = x;
    }

    private TransactionalWitness witness(int[] events, String variant) {
        return fromEvents(events, inf.n, "a snapshot-isolation schedule" + variant
                + " (start and commit events ordered by the dependencies" + (hasChoices() ? ", with an order chosen for the appends no read shows)" : ")"));
    }

    /**
     * A schedule from an order of start (2t) and commit (2t+1) events: the commit order, and for each
     * transaction how many commits precede its start (its snapshot).
     */
    static TransactionalWitness fromEvents(int[] events, int n, String found) {
        int[] order = new int[events.length / 2];
        int[] snapshot = new int[order.length];
        int[] cutAtStart = new int[n];
        int commits = 0;
        for (int ev : events) {
            int t = ev / 2;
            if (ev % 2 == 0) {
                cutAtStart[t] = commits;
            } else {
                order[commits] = t;
                snapshot[commits] = cutAtStart[t];
                commits++;
            }
        }
        return TransactionalWitness.snapshots(order, snapshot, found);
    }

    private Anomaly refutation(String variant, int extra, List<int[][]> tried, List<int[]> cycles) {
        java.util.LinkedHashSet<Integer> txns = new java.util.LinkedHashSet<>();
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < groups.size(); i++) {
            if (i > 0) keys.append("; ");
            keys.append("key ").append(Values.show(inf.keys.get(groupKeys.get(i)))).append(": ");
            for (int j = 0; j < groups.get(i).length; j++) {
                txns.add(groups.get(i)[j]);
                keys.append(j == 0 ? "" : ", ").append(inf.th.name(groups.get(i)[j]));
            }
        }
        StringBuilder sb = new StringBuilder("These transactions appended to one key and no read shows their appends (" + keys
                + "). Under snapshot isolation" + variant + " one of two such writers commits before the other starts, and every order of them closes a cycle:");
        for (int i = 0; i < tried.size() && i < 6; i++) {
            sb.append("\n  if ");
            int[][] p = tried.get(i);
            for (int q = 0; q < p.length; q++) {
                if (q > 0) sb.append(", ");
                for (int j = 0; j < p[q].length; j++) sb.append(j == 0 ? "" : " then ").append(inf.th.name(p[q][j]));
            }
            sb.append(": ");
            int[] c = cycles.get(i);
            for (int j = 0; j < c.length; j++) {
                sb.append(j == 0 ? "" : " < ").append(inf.th.name(c[j] / 2)).append(c[j] % 2 == 0 ? " starts" : " commits");
                txns.add(c[j] / 2);
            }
            sb.append(" < ").append(inf.th.name(c[0] / 2)).append(c[0] % 2 == 0 ? " starts" : " commits");
        }
        if (tried.size() > 6) sb.append("\n  (and ").append(tried.size() - 6).append(" more orders, each with a cycle)");
        if (tried.isEmpty()) sb.append(" a search over both orders of every two of them found none.");
        AnomalyKind.Order order = (extra & DependencyGraph.REALTIME) != 0 ? AnomalyKind.Order.REALTIME
                : (extra & DependencyGraph.PROCESS) != 0 ? AnomalyKind.Order.PROCESS : AnomalyKind.Order.NONE;
        return Anomaly.of(AnomalyKind.of(AnomalyKind.Type.G_SIB, order), sb.toString(),
                txns.stream().mapToInt(Integer::intValue).toArray());
    }
}
