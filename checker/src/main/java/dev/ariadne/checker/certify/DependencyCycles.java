package dev.ariadne.checker.certify;

import java.util.Arrays;

/**
 * The direct serialization graph of a witness's version order (Adya 1999): ww from each version's
 * writer to the next one's, wr from a version's writer to its reader, rw from a reader to the writer
 * of the version after the one it read. Nodes are arbitration positions. Decides G2 (any cycle) by
 * Kahn's algorithm and G-single (a cycle with exactly one rw edge) by asking, for each rw edge, whether
 * its target reaches its source through ww and wr; those edges go forward in the order when reads are
 * committed, so the walk stays between the two positions.
 */
final class DependencyCycles {
    static final int WW = 0;
    static final int WR = 1;
    static final int RW = 2;

    private final int n;
    private final int[] pos;
    private int edges;
    private int[] from = new int[64];
    private int[] to = new int[64];
    private byte[] type = new byte[64];

    DependencyCycles(int n, int[] pos) {
        this.n = n;
        this.pos = pos;
    }

    /** An edge between two transactions (by id). */
    void add(int a, int b, int t) {
        if (edges == from.length) {
            from = Arrays.copyOf(from, edges * 2);
            to = Arrays.copyOf(to, edges * 2);
            type = Arrays.copyOf(type, edges * 2);
        }
        from[edges] = pos[a];
        to[edges] = pos[b];
        type[edges] = (byte) t;
        edges++;
    }

    private int[][] csr(boolean withRw) {
        int[] start = new int[n + 1];
        for (int e = 0; e < edges; e++) if (withRw || type[e] != RW) start[from[e] + 1]++;
        for (int i = 0; i < n; i++) start[i + 1] += start[i];
        int[] target = new int[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        for (int e = 0; e < edges; e++) if (withRw || type[e] != RW) target[fill[from[e]]++] = to[e];
        return new int[][]{start, target};
    }

    /** An edge (as positions) between two nodes left on cycles, or null when the graph is acyclic. */
    int[] anyCycle() {
        int[][] g = csr(true);
        int[] start = g[0];
        int[] target = g[1];
        int[] indegree = new int[n];
        for (int t : target) indegree[t]++;
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) if (indegree[i] == 0) queue[tail++] = i;
        while (head < tail) {
            int u = queue[head++];
            for (int e = start[u]; e < start[u + 1]; e++) if (--indegree[target[e]] == 0) queue[tail++] = target[e];
        }
        if (tail == n) return null;
        for (int e = 0; e < edges; e++) if (indegree[from[e]] > 0 && indegree[to[e]] > 0) return new int[]{from[e], to[e]};
        return new int[]{0, 0};
    }

    /**
     * G-update (Adya's PL-3U): a cycle with an anti-dependency among the update transactions
     * ({@code update[position]}), or through one read-only transaction and updates only. Returns two
     * positions on such a cycle, or null.
     */
    int[] gUpdate(boolean[] update, Visibility budget) {
        int[][] g = csr(true);
        int[] start = g[0];
        int[] target = g[1];
        // Among the updates: any cycle (with an rw edge, since ww and wr go forward in the order).
        int[] indegree = new int[n];
        for (int u = 0; u < n; u++) {
            if (!update[u]) continue;
            for (int e = start[u]; e < start[u + 1]; e++) if (update[target[e]]) indegree[target[e]]++;
        }
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        int updates = 0;
        for (int u = 0; u < n; u++) {
            if (!update[u]) continue;
            updates++;
            if (indegree[u] == 0) queue[tail++] = u;
        }
        while (head < tail) {
            int u = queue[head++];
            for (int e = start[u]; e < start[u + 1]; e++) if (update[target[e]] && --indegree[target[e]] == 0) queue[tail++] = target[e];
        }
        if (tail < updates) {
            for (int e = 0; e < edges; e++) if (update[from[e]] && update[to[e]] && indegree[from[e]] > 0 && indegree[to[e]] > 0) return new int[]{from[e], to[e]};
        }
        // Through one read-only transaction R: from R's anti-dependency targets, through updates, back to a writer R read from.
        int[] mark = new int[n];
        int[] stack = new int[n];
        int stamp = 0;
        for (int r = 0; r < n; r++) {
            if (update[r]) continue;
            boolean[] source = null;
            for (int e = 0; e < edges; e++) {
                if (to[e] != r || type[e] != WR) continue;
                if (source == null) source = new boolean[n];
                source[from[e]] = true;
            }
            if (source == null) continue;
            stamp++;
            int top = 0;
            for (int e = start[r]; e < start[r + 1]; e++) {
                int s = target[e];
                if (update[s] && mark[s] != stamp) {
                    mark[s] = stamp;
                    stack[top++] = s;
                }
            }
            while (top > 0) {
                int u = stack[--top];
                if (source[u]) return new int[]{r, u};
                budget.spend(start[u + 1] - start[u] + 1);
                for (int e = start[u]; e < start[u + 1]; e++) {
                    int w = target[e];
                    if (!update[w] || mark[w] == stamp) continue;
                    mark[w] = stamp;
                    stack[top++] = w;
                }
            }
        }
        return null;
    }

    /** An rw edge closing a cycle whose other edges are ww and wr, or null. */
    int[] gSingle(Visibility budget) {
        int[][] g = csr(false);
        int[] start = g[0];
        int[] target = g[1];
        int[] mark = new int[n];
        int[] stack = new int[n];
        int stamp = 0;
        for (int e = 0; e < edges; e++) {
            if (type[e] != RW) continue;
            int src = from[e];
            int dst = to[e];
            if (dst > src) continue; // ww and wr go forward, so only a target before the source can reach it
            stamp++;
            int top = 0;
            stack[top++] = dst;
            mark[dst] = stamp;
            while (top > 0) {
                int u = stack[--top];
                if (u == src) return new int[]{src, dst};
                budget.spend(start[u + 1] - start[u] + 1);
                for (int i = start[u]; i < start[u + 1]; i++) {
                    int w = target[i];
                    if (w > src || mark[w] == stamp) continue;
                    mark[w] = stamp;
                    stack[top++] = w;
                }
            }
        }
        return null;
    }
}
