package dev.ariadne.checker.txn;

import dev.ariadne.checker.search.Budget;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Read atomic and transactional causal consistency as Cerone, Bernardi and Gotsman define them ("A
 * framework for transactional consistency models with atomic visibility", CONCUR 2015), decided as
 * Biswas and Enea make them checkable ("On the complexity of checking transactional consistency",
 * OOPSLA 2019): when T3 observes T2 (reads one of its appends) and reads a key T2 appended to, the
 * read must show T2's append there too; otherwise T2 would be visible and invisible to T3 at once.
 * For read atomic "observes" is the direct read-from relation (a fractured read); for causal it is its
 * transitive closure. Session order is not part of either here (as in Elle's lattice, where
 * serializability implies both); the strong-session models add it.
 * <p>
 * With list-append, the read of a key gives its whole version prefix, so the saturation of Biswas and
 * Enea reduces to this check plus the acyclicity of ww and wr (G0, G1c), which the cycle search
 * decides. Each violation closes a cycle with one rw edge (T3 missed an append that precedes what it
 * observed), so only transactions of one strongly connected component of the data dependencies can
 * form one: the check visits those alone, which keeps it linear on the histories that pass.
 */
final class AtomicVisibility {
    private static final int MAX_REPORTED = 1000;

    private final ListAppendInference inf;
    private final StronglyConnected data;
    private final Budget budget;
    /** Per transaction: its external reads (CSR over read ids). */
    private final int[] readStart;
    private final int[] readIds;
    /** Per transaction: its last append per key (CSR over element ids). */
    private final int[] lastStart;
    private final int[] lastElems;
    boolean complete = true;

    AtomicVisibility(ListAppendInference inf, StronglyConnected data, Budget budget) {
        this.inf = inf;
        this.data = data;
        this.budget = budget;
        int n = inf.n;
        readStart = new int[n + 1];
        for (int r = 0; r < inf.reads; r++) if (inf.readUsable[r]) readStart[inf.readTxn[r] + 1]++;
        for (int i = 0; i < n; i++) readStart[i + 1] += readStart[i];
        readIds = new int[readStart[n]];
        int[] fill = Arrays.copyOf(readStart, n);
        for (int r = 0; r < inf.reads; r++) if (inf.readUsable[r]) readIds[fill[inf.readTxn[r]]++] = r;
        lastStart = new int[n + 1];
        for (int e = 0; e < inf.elements; e++) if (inf.elemLast[e]) lastStart[inf.elemWriter[e] + 1]++;
        for (int i = 0; i < n; i++) lastStart[i + 1] += lastStart[i];
        lastElems = new int[lastStart[n]];
        fill = Arrays.copyOf(lastStart, n);
        for (int e = 0; e < inf.elements; e++) if (inf.elemLast[e]) lastElems[fill[inf.elemWriter[e]]++] = e;
    }

    /** Fractured reads (read atomic) or, with {@code transitive}, non-causal reads (causal). */
    List<Anomaly> check(boolean transitive) {
        return check(transitive, false);
    }

    /**
     * With {@code conflicts} as well: parallel snapshot isolation's write conflicts (Cerone, Bernardi
     * and Gotsman's NOCONFLICT), where of two writers of a key the later sees the earlier, so a
     * transaction also observes the writer before it of each key it appends to. Only the orders every
     * execution has are used (the version orders the reads show, and an append no read shows after
     * every one a read shows), so a violation found is one whatever order the unread appends take.
     */
    List<Anomaly> check(boolean transitive, boolean conflicts) {
        List<Anomaly> out = new ArrayList<>();
        int n = inf.n;
        int[] mark = new int[n];
        int[] via = new int[n];
        int[] queue = new int[n];
        int stamp = 0;
        for (int t3 = 0; t3 < n && out.size() < MAX_REPORTED; t3++) {
            if (data.component[t3] < 0 || readStart[t3] == readStart[t3 + 1]) continue;
            if (budget.expired()) {
                complete = false;
                return out;
            }
            stamp++;
            int head = 0;
            int tail = 0;
            mark[t3] = stamp;
            // The transactions T3 observes: writers of the elements its reads show, then (transitively) theirs.
            for (int v = t3; ; ) {
                for (int i = readStart[v]; i < readStart[v + 1]; i++) {
                    int r = readIds[i];
                    for (int j = 0, len = inf.readLength(r); j < len; j++) {
                        int w = inf.elemWriter[inf.readElem(r, j)];
                        if (mark[w] == stamp || !data.together(w, t3)) continue;
                        mark[w] = stamp;
                        via[w] = v;
                        queue[tail++] = w;
                    }
                }
                if (conflicts) {
                    for (int i = lastStart[v]; i < lastStart[v + 1]; i++) {
                        int w = previousWriter(v, lastElems[i]);
                        if (w < 0 || mark[w] == stamp || !data.together(w, t3)) continue;
                        mark[w] = stamp;
                        via[w] = -2 - v; // v saw w because both wrote one key
                        queue[tail++] = w;
                    }
                }
                if (!transitive || head == tail) break;
                v = queue[head++];
            }
            for (int q = 0; q < tail; q++) {
                int w = queue[q];
                Anomaly a = missed(t3, w, via, transitive, conflicts);
                if (a != null) {
                    out.add(a);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Monotonic atomic view (Bailis et al., "Highly available transactions", VLDB 2014): once a
     * transaction has observed another (a read shows one of its appends), its later reads show all of
     * that one's writes; a later read that misses one is their OTV, observed transaction vanishes. Like
     * a fractured read it closes a cycle with one rw edge, so only a component's transactions are visited.
     */
    List<Anomaly> vanished() {
        List<Anomaly> out = new ArrayList<>();
        int n = inf.n;
        int[] mark = new int[n];
        int[] via = new int[n];
        int stamp = 0;
        for (int t3 = 0; t3 < n && out.size() < MAX_REPORTED; t3++) {
            if (data.component[t3] < 0 || readStart[t3 + 1] - readStart[t3] < 2) continue;
            if (budget.expired()) {
                complete = false;
                return out;
            }
            stamp++;
            for (int j = readStart[t3]; j < readStart[t3 + 1]; j++) {
                int r = readIds[j];
                Anomaly a = j == readStart[t3] ? null : vanishedIn(t3, r, mark, stamp, via);
                if (a != null) {
                    out.add(a);
                    break;
                }
                for (int i = 0; i < inf.readObserved[r]; i++) {
                    int w = inf.elemWriter[inf.readElem(r, i)];
                    if (w == t3 || mark[w] == stamp) continue;
                    mark[w] = stamp;
                    via[w] = r;
                }
            }
        }
        return out;
    }

    /** The anomaly if read r misses the last append to its key of a transaction t3 observed before it (marked with stamp). */
    private Anomaly vanishedIn(int t3, int r, int[] mark, int stamp, int[] via) {
        int k = inf.readKey[r];
        int[] o = inf.order[k];
        int len = inf.readLength(r);
        int[] unread = inf.unobserved[k];
        for (int i = len; i < o.length + unread.length; i++) {
            int e = i < o.length ? o[i] : unread[i - o.length];
            int w = inf.elemWriter[e];
            if (w == t3 || mark[w] != stamp || !inf.elemLast[e] || !inf.committed[w]) continue;
            int first = via[w];
            TxnHistory th = inf.th;
            String held = "";
            for (int x : inf.readElems(first)) if (inf.elemWriter[x] == w) held = Values.show(inf.elemValue[x]);
            String summary = th.name(t3) + " read key " + Values.show(inf.keys.get(inf.readKey[first])) + " as " + inf.showElems(inf.readElems(first))
                    + ", which holds " + th.name(w) + "'s append of " + held + "; later in the same transaction it read key " + Values.show(inf.keys.get(k))
                    + " as " + inf.showElems(inf.readElems(r)) + ", without " + th.name(w) + "'s append of " + Values.show(inf.elemValue[e])
                    + " there: once a transaction has observed another, its later reads show all of that one's writes.";
            return Anomaly.of(AnomalyKind.Type.OBSERVED_VANISHES, summary, w, t3);
        }
        return null;
    }

    /** The committed writer whose appends to e's key come right before v's, or -1. */
    private int previousWriter(int v, int e) {
        int k = inf.elemKey[e];
        int[] o = inf.order[k];
        int p = inf.pos[e];
        if (p < 0) p = o.length; // an append no read shows follows every one a read shows
        while (p > 0 && inf.elemWriter[o[p - 1]] == v) p--;
        while (p > 0 && !inf.committed[inf.elemWriter[o[p - 1]]]) p--;
        return p > 0 ? inf.elemWriter[o[p - 1]] : -1;
    }

    /** The anomaly if T3 reads a key W appended to without W's last append there. */
    private Anomaly missed(int t3, int w, int[] via, boolean transitive, boolean conflicts) {
        for (int i = lastStart[w]; i < lastStart[w + 1]; i++) {
            int e = lastElems[i];
            int k = inf.elemKey[e];
            for (int j = readStart[t3]; j < readStart[t3 + 1]; j++) {
                int r = readIds[j];
                if (inf.readKey[r] != k) continue;
                int len = inf.readLength(r);
                int p = inf.pos[e];
                if (p >= 0 && p < len) continue;
                TxnHistory th = inf.th;
                String key = Values.show(inf.keys.get(k));
                List<Integer> chain = new ArrayList<>();
                boolean conflict = false;
                for (int x = w; x != t3; x = via[x] < -1 ? -2 - via[x] : via[x]) {
                    chain.add(x);
                    if (via[x] < -1) conflict = true;
                }
                chain.add(t3);
                StringBuilder how = new StringBuilder();
                for (int c = 0; c + 1 < chain.size(); c++) {
                    how.append(c == 0 ? "" : ", and ").append(th.name(chain.get(c + 1)));
                    if (via[chain.get(c)] < -1) {
                        how.append(" saw ").append(th.name(chain.get(c))).append(" (both appended to one key, ").append(th.name(chain.get(c)))
                                .append(" first: under parallel snapshot isolation the later of two writers of a key sees the earlier)");
                    } else {
                        how.append(" observed ").append(th.name(chain.get(c))).append(observation(chain.get(c), chain.get(c + 1)));
                    }
                }
                AnomalyKind.Type name = conflict ? AnomalyKind.Type.CONFLICT_READ : transitive && chain.size() > 2 ? AnomalyKind.Type.CAUSAL_READ
                        : AnomalyKind.Type.FRACTURED_READ;
                String summary = how + "; yet " + th.name(t3) + " read key " + key + " as " + inf.showElems(inf.readElems(r)) + ", without "
                        + th.name(w) + "'s append of " + Values.show(inf.elemValue[e]) + " there"
                        + (p < 0 ? " (which committed)." : ", which that key's version order puts at position " + (p + 1) + ".");
                int[] txns = new int[chain.size()];
                for (int c = 0; c < txns.length; c++) txns[c] = chain.get(c);
                return Anomaly.of(name, Character.toUpperCase(summary.charAt(0)) + summary.substring(1), txns);
            }
        }
        return null;
    }

    /** " (its read of key 9 as [2 5] shows T2's append of 5)": how {@code reader} observed {@code writer}. */
    private String observation(int writer, int reader) {
        for (int i = readStart[reader]; i < readStart[reader + 1]; i++) {
            int r = readIds[i];
            for (int e : inf.readElems(r)) {
                if (inf.elemWriter[e] == writer) {
                    return " (it read key " + Values.show(inf.keys.get(inf.readKey[r])) + " as " + inf.showElems(inf.readElems(r)) + ", which holds "
                            + inf.th.name(writer) + "'s append of " + Values.show(inf.elemValue[e]) + ")";
                }
            }
        }
        return "";
    }
}
