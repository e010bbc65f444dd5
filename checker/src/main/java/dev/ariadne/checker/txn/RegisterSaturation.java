package dev.ariadne.checker.txn;

import dev.ariadne.checker.search.Budget;
import dev.ariadne.history.Values;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Read atomic and causal consistency of an rw-register history by Biswas and Enea's saturation ("On
 * the complexity of checking transactional consistency", OOPSLA 2019), with visibility from
 * read-from alone (no session order, as for list-append; see {@link AtomicVisibility}): when T3 reads
 * key x from T1 and observes T2, which also wrote x, then T2 must commit before T1 (for read atomic,
 * T3 observes the writers it read from; for causal, their causal past too). The history satisfies
 * the model exactly when read-from plus these commit-order edges has no cycle; a read of the initial
 * state by a transaction that observes a writer of that key is a violation at once.
 */
final class RegisterSaturation {
    /** Work (visited transactions) allowed for the transitive closure before the check gives up. */
    private static final long MAX_WORK = 300_000_000L;

    private final RwRegisterInference inf;
    private final Budget budget;
    private final int[] readStart;
    private final int[] readIds;
    /** Per transaction: its committed final writes, as elements (CSR). */
    private final int[] writeStart;
    private final int[] writeElems;
    boolean complete = true;
    /** After a check that found nothing: a commit order of the committed transactions that keeps read-from and the saturation's edges. */
    int[] commitOrder;

    RegisterSaturation(RwRegisterInference inf, Budget budget) {
        this.inf = inf;
        this.budget = budget;
        int n = inf.n;
        readStart = new int[n + 1];
        for (int r = 0; r < inf.reads; r++) readStart[inf.readTxn[r] + 1]++;
        for (int i = 0; i < n; i++) readStart[i + 1] += readStart[i];
        readIds = new int[inf.reads];
        int[] fill = Arrays.copyOf(readStart, n);
        for (int r = 0; r < inf.reads; r++) readIds[fill[inf.readTxn[r]]++] = r;
        writeStart = new int[n + 1];
        for (int e = 0; e < inf.elements; e++) if (inf.version(e)) writeStart[inf.elemWriter[e] + 1]++;
        for (int i = 0; i < n; i++) writeStart[i + 1] += writeStart[i];
        writeElems = new int[writeStart[n]];
        fill = Arrays.copyOf(writeStart, n);
        for (int e = 0; e < inf.elements; e++) if (inf.version(e)) writeElems[fill[inf.elemWriter[e]]++] = e;
    }

    /** The violation of read atomic (or, with {@code transitive}, causal), as one anomaly, or none. */
    List<Anomaly> check(boolean transitive) {
        AnomalyKind name = AnomalyKind.of(transitive ? AnomalyKind.Type.CAUSAL_READ : AnomalyKind.Type.FRACTURED_READ);
        int n = inf.n;
        DependencyGraph.Builder b = DependencyGraph.builder(n);
        Map<Long, String> why = new HashMap<>();
        int[] mark = new int[n];
        int[] queue = new int[n];
        int stamp = 0;
        long work = 0;
        for (int t3 = 0; t3 < n; t3++) {
            if (readStart[t3] == readStart[t3 + 1]) continue;
            if ((t3 & 255) == 0 && budget.expired() || work > MAX_WORK) {
                complete = false;
                return List.of();
            }
            stamp++;
            mark[t3] = stamp;
            int tail = 0;
            for (int v = t3, head = 0; ; ) {
                for (int i = readStart[v]; i < readStart[v + 1]; i++) {
                    int e = inf.readElem[readIds[i]];
                    if (e < 0 || !inf.version(e)) continue;
                    int w = inf.elemWriter[e];
                    if (v == t3) b.add(w, t3, DependencyGraph.WR);
                    if (mark[w] == stamp) continue;
                    mark[w] = stamp;
                    queue[tail++] = w;
                }
                work++;
                if (!transitive || head == tail) break;
                v = queue[head++];
            }
            work += tail;
            for (int q = 0; q < tail; q++) {
                int t2 = queue[q];
                for (int i = readStart[t3]; i < readStart[t3 + 1]; i++) {
                    int r = readIds[i];
                    int w2 = finalWrite(t2, inf.readKey[r]);
                    int e1 = inf.readElem[r];
                    if (w2 < 0 || (e1 >= 0 && inf.elemWriter[e1] == t2)) continue;
                    String observed = inf.th.name(t3) + " observed " + inf.th.name(t2) + (transitive ? " (through what it read)" : " (it read " + inf.th.name(t2) + "'s write)");
                    String x = Values.show(inf.keys.get(inf.readKey[r]));
                    if (e1 < 0) {
                        return List.of(Anomaly.of(name, observed + ", which wrote key " + x + " = " + Values.show(inf.elemValue[w2])
                                + ", yet " + inf.th.name(t3) + " read that key as the initial nil.", t2, t3));
                    }
                    int t1 = inf.elemWriter[e1];
                    if (!inf.version(e1)) continue;
                    b.add(t2, t1, DependencyGraph.WW);
                    why.putIfAbsent(((long) t2 << 32) | t1, inf.th.name(t2) + " must commit before " + inf.th.name(t1) + ": " + inf.th.name(t3) + " read key " + x + " = "
                            + Values.show(inf.elemValue[e1]) + " from " + inf.th.name(t1) + " though " + observed + ", which also wrote " + x);
                }
            }
        }
        DependencyGraph g = b.build();
        int[] cycle = new CycleSearch(g, budget).anyCycle(DependencyGraph.WR | DependencyGraph.WW);
        if (cycle == null) {
            Topo t = new Topo(n);
            t.addAll(g, DependencyGraph.WR | DependencyGraph.WW, inf.committed);
            long[] priority = new long[n];
            for (int i = 0; i < n; i++) priority[i] = inf.th.invokePosition(i);
            commitOrder = t.order(inf.committed, priority);
            return List.of();
        }
        StringBuilder sb = new StringBuilder("No commit order fits what the transactions observed:");
        for (int i = 0; i < cycle.length; i++) {
            int from = cycle[i];
            int to = cycle[(i + 1) % cycle.length];
            String co = why.get(((long) from << 32) | to);
            sb.append(' ').append(co != null ? co : inf.th.name(to) + " read from " + inf.th.name(from)).append(i + 1 < cycle.length ? ";" : ".");
        }
        return List.of(new Anomaly(name, cycle, new int[0], sb.toString()));
    }

    private int finalWrite(int t, int k) {
        for (int i = writeStart[t]; i < writeStart[t + 1]; i++) if (inf.elemKey[writeElems[i]] == k) return writeElems[i];
        return -1;
    }
}
