package dev.ariadne.checker.txn;

import dev.ariadne.history.MicroOp;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Proves serializability the direct way when the version order is only partly known (rw-register):
 * a topological order of the dependency graph (Kahn's algorithm), replayed one transaction at a time
 * from the initial state. Among the ready transactions it takes the earliest invoked one that is
 * safe: one that does not overwrite a version some unplaced transaction still has to read (values
 * are unique, so an overwritten version never comes back). If every read of an ok transaction returns
 * what the replay gives, that order is a serial execution that explains the history: serializable,
 * and strongly so when it also respects the process or real-time edges it was built from. If not,
 * nothing is concluded (deciding serializability here is NP-complete in general).
 * <p>
 * For the real-time order, Kahn's algorithm is guided by what real time implies about the unknown
 * version order: when R reads key x from V, a writer of x that completed before R began must come
 * before V, and one that began after V completed must come after R. These edges only steer the
 * search; the replay is what proves the order.
 */
final class SerialWitness {
    private SerialWitness() {}

    /** The dependency graph plus the real-time guidance edges (as ww), or null when there would be too many. */
    static DependencyGraph guided(RwRegisterInference inf, DependencyGraph g) {
        DependencyGraph.Builder b = DependencyGraph.builder(inf.n);
        for (int u = 0; u < g.n; u++) for (int e = g.start[u]; e < g.start[u + 1]; e++) b.add(u, g.target[e], g.types[e]);
        java.util.List<java.util.List<Integer>> writers = new java.util.ArrayList<>();
        for (int k = 0; k < inf.keys.size(); k++) writers.add(new java.util.ArrayList<>());
        for (int e = 0; e < inf.elements; e++) if (inf.version(e)) writers.get(inf.elemKey[e]).add(inf.elemWriter[e]);
        long budget = 20_000_000L;
        for (int r = 0; r < inf.reads; r++) {
            int reader = inf.readTxn[r];
            int v = inf.readElem[r] < 0 ? -1 : inf.elemWriter[inf.readElem[r]];
            int invoked = inf.th.invokePosition(reader);
            int vDone = v < 0 ? -1 : inf.th.returnPosition(v);
            for (int w : writers.get(inf.readKey[r])) {
                if (w == v || w == reader) continue;
                if (--budget < 0) return null;
                if (v >= 0 && inf.th.returnPosition(w) < invoked) b.add(w, v, DependencyGraph.WW);
                if (v < 0 || inf.th.invokePosition(w) > vDone) b.add(reader, w, DependencyGraph.RW);
            }
        }
        return b.build();
    }

    /** A serial order respecting the edges of {@code mask} that replays every ok read, or null. */
    static int[] replays(RwRegisterInference inf, DependencyGraph g, int mask) {
        int n = inf.n;
        int[] indegree = new int[n];
        for (int u = 0; u < n; u++) {
            if (!inf.committed[u]) continue;
            for (int e = g.start[u]; e < g.start[u + 1]; e++) if ((g.types[e] & mask) != 0 && inf.committed[g.target[e]]) indegree[g.target[e]]++;
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>((x, y) -> Integer.compare(inf.th.returnPosition(x), inf.th.returnPosition(y)));
        for (int t = 0; t < n; t++) if (inf.committed[t] && indegree[t] == 0) ready.add(t);
        int[] state = new int[inf.keys.size()];
        Arrays.fill(state, -1);
        // Unplaced ok readers of each element, and of each key's initial state.
        int[] pending = new int[inf.elements];
        int[] pendingInitial = new int[inf.keys.size()];
        for (int r = 0; r < inf.reads; r++) {
            if (inf.readElem[r] >= 0) pending[inf.readElem[r]]++;
            else pendingInitial[inf.readKey[r]]++;
        }
        int[] unplacedWriters = new int[inf.keys.size()];
        for (int e = 0; e < inf.elements; e++) if (inf.version(e)) unplacedWriters[inf.elemKey[e]]++;
        int placed = 0;
        int[] order = new int[n];
        java.util.List<Integer> skipped = new java.util.ArrayList<>();
        while (!ready.isEmpty()) {
            // Look at the first few ready transactions in priority order and take the best: safe, and
            // among those one whose writes nobody still waits to read (a write others read goes as late
            // as it can, after the other writers of its key).
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i < LOOKAHEAD && !ready.isEmpty(); i++) {
                int c = ready.poll();
                skipped.add(c);
                int rank = !safe(inf, c, state, pending, pendingInitial) ? 1 << 20 : awaited(inf, c, pending, unplacedWriters);
                if (rank < bestRank) {
                    best = c;
                    bestRank = rank;
                }
                if (rank == 0) break;
            }
            for (int c : skipped) if (c != best) ready.add(c);
            skipped.clear();
            int t = best;
            order[placed++] = t;
            if (!apply(inf, t, state)) return null;
            unread(inf, t, pending, pendingInitial);
            for (MicroOp m : inf.th.mops.get(t)) {
                if (m.isRead()) continue;
                int k = inf.key(m.key());
                int e = inf.element(k, m.value(), -1);
                if (e >= 0 && inf.version(e)) unplacedWriters[k]--;
            }
            for (int e = g.start[t]; e < g.start[t + 1]; e++) {
                int w = g.target[e];
                if ((g.types[e] & mask) != 0 && inf.committed[w] && --indegree[w] == 0) ready.add(w);
            }
        }
        int committed = 0;
        for (boolean c : inf.committed) if (c) committed++;
        return placed == committed ? Arrays.copyOf(order, placed) : null;
    }

    private static final int LOOKAHEAD = 32;

    /**
     * On how many keys t would install a version some unplaced transaction waits to read while
     * another unplaced transaction still has to write that key: such a version should come last.
     */
    private static int awaited(RwRegisterInference inf, int t, int[] pending, int[] unplacedWriters) {
        int n = 0;
        for (MicroOp m : inf.th.mops.get(t)) {
            if (m.isRead()) continue;
            int k = inf.key(m.key());
            int e = inf.element(k, m.value(), -1);
            if (e >= 0 && inf.elemLast[e] && pending[e] > 0 && unplacedWriters[k] > 1) n++;
        }
        return n;
    }

    /** Whether placing t now overwrites no version that another unplaced transaction has yet to read. */
    private static boolean safe(RwRegisterInference inf, int t, int[] state, int[] pending, int[] pendingInitial) {
        for (MicroOp m : inf.th.mops.get(t)) {
            if (m.isRead()) continue;
            int k = inf.key(m.key());
            int cur = state[k];
            int waiting = cur >= 0 ? pending[cur] : pendingInitial[k];
            if (waiting > readsOwn(inf, t, k, cur)) return false;
        }
        return true;
    }

    /** 1 if t itself is an ok transaction whose external read of key k returns element cur (-1: initial), else 0. */
    private static int readsOwn(RwRegisterInference inf, int t, int k, int cur) {
        if (!inf.th.ok(t)) return 0;
        for (MicroOp m : inf.th.mops.get(t)) {
            if (inf.key(m.key()) != k) continue;
            if (!m.isRead()) return 0;
            int got = m.value().isNull() ? -1 : inf.element(k, m.value(), -1);
            return got == cur ? 1 : 0;
        }
        return 0;
    }

    private static void unread(RwRegisterInference inf, int t, int[] pending, int[] pendingInitial) {
        if (!inf.th.ok(t)) return;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (MicroOp m : inf.th.mops.get(t)) {
            int k = inf.key(m.key());
            if (!seen.add(k) || !m.isRead()) continue;
            int e = m.value().isNull() ? -1 : inf.element(k, m.value(), -1);
            if (m.value().isNull()) pendingInitial[k]--;
            else if (e >= 0) pending[e]--;
        }
    }

    /** Runs one transaction against the state; false if one of its reads (if it is ok) returns something else. */
    private static boolean apply(RwRegisterInference inf, int t, int[] state) {
        boolean ok = inf.th.ok(t);
        for (MicroOp m : inf.th.mops.get(t)) {
            int k = inf.key(m.key());
            if (k >= state.length) return false;
            if (!m.isRead()) {
                state[k] = inf.element(k, m.value(), -1);
            } else if (ok) {
                int got = m.value().isNull() ? -1 : inf.element(k, m.value(), -1);
                if (got != state[k] || (got == -1 && !m.value().isNull())) return false;
            }
        }
        return true;
    }
}
