package dev.ariadne.checker.weak;

import java.util.Arrays;

/**
 * The bad patterns of causal consistency (Bouajjani, Enea, Guerraoui and Hamza, "On verifying causal
 * consistency", POPL 2017) found without a vector clock per operation, so that their size does not
 * grow with the number of processes (every crash starts one: a 1M-operation history with 1% crashes
 * has about 10,000, and clocks of one entry per process per operation would hold 10^10).
 * <p>
 * Walking causal order CO = (po ∪ rf)+ in a topological order, each operation u carries, for each key
 * x, the maximal writes of x in its causal past: an antichain, almost always of one write. A read r of
 * x that read s is then:
 * <ul>
 *   <li>WriteCOInitRead when it read the initial value and the antichain is not empty;</li>
 *   <li>WriteCORead when s is not in the antichain (a write w of x has s &lt; w &lt; r: one of the
 *       antichain's does);</li>
 *   <li>for CCv, the source of conflict edges w → s from each other write w of the antichain: those
 *       are the latest writes of their processes in r's past that do not precede s, and the edges from
 *       earlier writes follow from these through CO.</li>
 * </ul>
 * Merging two antichains asks whether one write of x precedes another. Those comparisons use clocks
 * over a chain decomposition of each key's writes (the order CO restricted to them, whose width is
 * the number of writes of x no write of x orders, usually a handful): a write extends a chain whose
 * last write is in its past, else starts one. The antichains are shared between operations (an
 * operation copies only the 64-key block it changes) and dropped when no later operation needs them.
 */
final class CausalFrontier {
    /** No pattern at this read. */
    static final byte NONE = 0;
    static final byte WRITE_CO_INIT_READ = 1;
    static final byte WRITE_CO_READ = 2;
    private static final int BLOCK = 64;

    private final ViewIndex ix;
    /** Set when program order and read-from have a cycle: nothing else is computed. */
    final boolean cyclic;
    /** Set when the chain clocks passed {@code maxEntries}: nothing else is reliable. */
    final boolean overBudget;
    /** Per read: the pattern it shows, and the write of x that causally precedes it (the w of the pattern). */
    final byte[] pattern;
    final int[] witness;
    /** CCv's conflict edges as triples (write, the write a read returned, that read). */
    int[] conflicts = new int[0];
    int conflictCount;

    /** Per write: its chain among its key's writes, its position on it (from 1), and its clock over those chains. */
    private final int[] chain;
    private final int[] pos;
    private final int[][] clock;
    /** Per key: its chains' lengths. */
    private final int[][] chainLength;
    private final int[] chains;
    private long entries;

    CausalFrontier(ViewIndex ix, boolean convergent, long maxEntries) {
        this.ix = ix;
        int n = ix.n;
        pattern = new byte[n];
        witness = new int[n];
        chain = new int[n];
        pos = new int[n];
        clock = new int[n][];
        int keys = 0;
        for (int i = 0; i < n; i++) keys = Math.max(keys, ix.key[i] + 1);
        chainLength = new int[keys][];
        chains = new int[keys];
        for (int k = 0; k < keys; k++) chainLength[k] = new int[2];
        // Program-order predecessors and successors, each write's readers, and how many need each node's frontier.
        int[] prev = new int[n];
        int[] next = new int[n];
        Arrays.fill(next, -1);
        int[] last = new int[ix.processes];
        Arrays.fill(last, -1);
        int[] readerStart = new int[n + 1];
        for (int u = 0; u < n; u++) {
            prev[u] = last[ix.proc[u]];
            if (prev[u] >= 0) next[prev[u]] = u;
            last[ix.proc[u]] = u;
            if (ix.src[u] >= 0) readerStart[ix.src[u] + 1]++;
        }
        for (int u = 0; u < n; u++) readerStart[u + 1] += readerStart[u];
        int[] readers = new int[readerStart[n]];
        int[] fill = Arrays.copyOf(readerStart, n);
        for (int u = 0; u < n; u++) if (ix.src[u] >= 0) readers[fill[ix.src[u]]++] = u;
        int[] need = new int[n];
        int[] indegree = new int[n];
        int[] queue = new int[n];
        int tail = 0;
        for (int u = 0; u < n; u++) {
            need[u] = (next[u] >= 0 ? 1 : 0) + readerStart[u + 1] - readerStart[u];
            indegree[u] = (prev[u] >= 0 ? 1 : 0) + (ix.src[u] >= 0 ? 1 : 0);
            if (indegree[u] == 0) queue[tail++] = u;
        }
        int[][][][] frontier = new int[n][][][];
        boolean over = false;
        for (int head = 0; head < tail && !over; head++) {
            int u = queue[head];
            int p = prev[u];
            int s = ix.src[u];
            int[][][] f = p >= 0 ? frontier[p] : null;
            if (ix.write[u]) {
                place(u, f);
                f = with(f, ix.key[u], new int[]{u});
            } else if (s >= 0) {
                f = join(f, frontier[s]);
            }
            if (!ix.write[u] && s != ViewIndex.THIN_AIR) inspect(u, f, convergent);
            frontier[u] = need[u] > 0 ? f : null;
            if (p >= 0 && --need[p] == 0) frontier[p] = null;
            if (s >= 0 && --need[s] == 0) frontier[s] = null;
            if (next[u] >= 0 && --indegree[next[u]] == 0) queue[tail++] = next[u];
            if (ix.write[u]) for (int e = readerStart[u]; e < readerStart[u + 1]; e++) if (--indegree[readers[e]] == 0) queue[tail++] = readers[e];
            if (entries > maxEntries) over = true;
        }
        cyclic = !over && tail < n;
        overBudget = over;
    }


    /** Whether some read shows a pattern. */
    boolean found() {
        for (byte b : pattern) if (b != NONE) return true;
        return false;
    }

    /** Gives write u its chain among its key's writes, from the maximal writes of that key before it. */
    private void place(int u, int[][][] before) {
        int x = ix.key[u];
        int[] preds = get(before, x);
        int[] c = new int[chains[x] + 1];
        if (preds != null) {
            for (int w : preds) {
                int[] cw = clock[w];
                for (int i = 0; i < cw.length; i++) if (cw[i] > c[i]) c[i] = cw[i];
            }
        }
        int own = -1;
        for (int i = 0; i < chains[x] && own < 0; i++) if (c[i] == chainLength[x][i]) own = i;
        if (own < 0) {
            own = chains[x]++;
            if (own == chainLength[x].length) chainLength[x] = Arrays.copyOf(chainLength[x], own * 2);
        } else {
            c = Arrays.copyOf(c, chains[x]);
        }
        chain[u] = own;
        pos[u] = ++chainLength[x][own];
        c[own] = pos[u];
        clock[u] = c;
        entries += c.length;
    }

    /** Whether write a precedes write b of the same key in causal order. */
    boolean precedes(int a, int b) {
        int[] cb = clock[b];
        return a != b && chain[a] < cb.length && cb[chain[a]] >= pos[a];
    }

    private void inspect(int r, int[][][] f, boolean convergent) {
        int[] max = get(f, ix.key[r]);
        int s = ix.src[r];
        if (s < 0) {
            if (max != null) {
                pattern[r] = WRITE_CO_INIT_READ;
                witness[r] = max[0];
            }
            return;
        }
        boolean maximal = false;
        for (int w : max) maximal |= w == s;
        if (!maximal) {
            pattern[r] = WRITE_CO_READ;
            for (int w : max) if (precedes(s, w)) witness[r] = w;
            return;
        }
        if (!convergent) return;
        for (int w : max) {
            if (w == s) continue;
            if (3 * conflictCount + 3 > conflicts.length) conflicts = Arrays.copyOf(conflicts, Math.max(3 * 1024, conflicts.length * 2));
            conflicts[3 * conflictCount] = w;
            conflicts[3 * conflictCount + 1] = s;
            conflicts[3 * conflictCount + 2] = r;
            conflictCount++;
        }
    }

    private static int[] get(int[][][] f, int x) {
        if (f == null) return null;
        int[][] block = f.length > x / BLOCK ? f[x / BLOCK] : null;
        return block == null ? null : block[x % BLOCK];
    }

    /** The frontier with key x's antichain replaced: a copy of the block it lies in. */
    private static int[][][] with(int[][][] f, int x, int[] antichain) {
        int b = x / BLOCK;
        int[][][] out = f == null ? new int[b + 1][][] : Arrays.copyOf(f, Math.max(f.length, b + 1));
        int[][] block = out[b] == null ? new int[BLOCK][] : out[b].clone();
        block[x % BLOCK] = antichain;
        out[b] = block;
        return out;
    }

    /** The maximal writes of each key over both pasts. */
    private int[][][] join(int[][][] a, int[][][] b) {
        if (a == null || a == b) return b;
        if (b == null) return a;
        int[][][] out = null;
        for (int i = 0; i < b.length; i++) {
            int[][] ba = i < a.length ? a[i] : null;
            int[][] bb = b[i];
            if (bb == null || ba == bb) continue;
            int[][] merged = ba == null ? bb : null;
            if (merged == null) {
                for (int j = 0; j < BLOCK; j++) {
                    int[] m = merge(ba[j], bb[j]);
                    if (m == ba[j]) continue;
                    if (merged == null) merged = ba.clone();
                    merged[j] = m;
                }
                if (merged == null) continue;
            }
            if (out == null) out = Arrays.copyOf(a, Math.max(a.length, b.length));
            out[i] = merged;
        }
        return out == null ? a : out;
    }

    /** The maximal writes among two antichains of one key's writes ({@code a} or {@code b} itself when the other adds nothing). */
    private int[] merge(int[] a, int[] b) {
        if (b == null || a == b) return a;
        if (a == null) return b;
        if (a.length == 1 && b.length == 1) {
            int x = a[0];
            int y = b[0];
            if (x == y || precedes(y, x)) return a;
            if (precedes(x, y)) return b;
            return new int[]{x, y};
        }
        // Which of a's survive b, and which of b's survive a (an element in both survives once, from a).
        int keptA = 0;
        long survivorsA = 0;
        for (int i = 0; i < a.length; i++) {
            boolean dominated = false;
            for (int j = 0; j < b.length && !dominated; j++) dominated = precedes(a[i], b[j]);
            if (!dominated) {
                keptA++;
                if (i < 64) survivorsA |= 1L << i;
            }
        }
        int keptB = 0;
        long survivorsB = 0;
        for (int j = 0; j < b.length; j++) {
            boolean gone = false;
            for (int i = 0; i < a.length && !gone; i++) gone = a[i] == b[j] || precedes(b[j], a[i]);
            if (!gone) {
                keptB++;
                if (j < 64) survivorsB |= 1L << j;
            }
        }
        if (keptB == 0 && keptA == a.length) return a;
        if (keptA == 0 && keptB == b.length) return b;
        if (a.length > 64 || b.length > 64) return mergeWide(a, b);
        int[] out = new int[keptA + keptB];
        int k = 0;
        for (int i = 0; i < a.length; i++) if ((survivorsA & (1L << i)) != 0) out[k++] = a[i];
        for (int j = 0; j < b.length; j++) if ((survivorsB & (1L << j)) != 0) out[k++] = b[j];
        return out;
    }

    /** {@link #merge} for antichains of more than 64 writes. */
    private int[] mergeWide(int[] a, int[] b) {
        int[] all = Arrays.copyOf(a, a.length + b.length);
        int count = a.length;
        outer:
        for (int w : b) {
            for (int v : a) if (v == w) continue outer;
            all[count++] = w;
        }
        int kept = 0;
        for (int i = 0; i < count; i++) {
            boolean dominated = false;
            for (int j = 0; j < count && !dominated; j++) dominated = precedes(all[i], all[j]);
            if (!dominated) all[kept++] = all[i];
        }
        return Arrays.copyOf(all, kept);
    }
}
