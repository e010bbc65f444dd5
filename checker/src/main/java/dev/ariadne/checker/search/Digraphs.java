package dev.ariadne.checker.search;

import java.util.Arrays;
import java.util.List;

/**
 * Directed graphs as adjacency lists of {@code int[]} edges whose first entry is the target (the
 * rest is the caller's: a kind, a label), shared by the families that order things: a topological
 * order (Kahn 1962) and strongly connected components (Tarjan 1972, iterative so that long
 * histories cannot overflow the stack).
 */
public final class Digraphs {
    private Digraphs() {}

    /** A topological order of {@code out}, or null when it has a cycle. */
    public static int[] topological(List<List<int[]>> out) {
        return topological(out, null, null);
    }

    /**
     * Whether the graph on nodes 0..n-1 whose edges are the union of several CSR edge sets
     * ({@code starts[j]} per node into {@code targets[j]}) is acyclic.
     */
    public static boolean acyclic(int n, int[][] starts, int[][] targets) {
        return order(n, starts, targets) != null;
    }

    /**
     * A topological order of {@code out} together with extra edges given in CSR form
     * ({@code extraStart} per node into {@code extraTarget}; both null for none), or null on a cycle.
     */
    public static int[] topological(List<List<int[]>> out, int[] extraStart, int[] extraTarget) {
        int n = out.size();
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) start[i + 1] = start[i] + out.get(i).size();
        int[] target = new int[start[n]];
        for (int i = 0, k = 0; i < n; i++) for (int[] e : out.get(i)) target[k++] = e[0];
        return extraTarget == null ? order(n, new int[][] {start}, new int[][] {target})
                : order(n, new int[][] {start, extraStart}, new int[][] {target, extraTarget});
    }

    /**
     * Kahn's algorithm on the union of several CSR edge sets: a topological order, or null on a cycle.
     * Every target array holds exactly its edges (its length is its last start).
     */
    private static int[] order(int n, int[][] starts, int[][] targets) {
        int[] indeg = new int[n];
        for (int[] ts : targets) for (int t : ts) indeg[t]++;
        int[] order = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) if (indeg[i] == 0) order[tail++] = i;
        while (head < tail) {
            int u = order[head++];
            for (int j = 0; j < starts.length; j++) {
                int[] st = starts[j];
                int[] ts = targets[j];
                for (int k = st[u]; k < st[u + 1]; k++) if (--indeg[ts[k]] == 0) order[tail++] = ts[k];
            }
        }
        return tail == n ? order : null;
    }

    /** Each node's strongly connected component, numbered from 0. */
    public static int[] components(List<List<int[]>> out) {
        int n = out.size();
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) start[i + 1] = start[i] + out.get(i).size();
        int[] target = new int[start[n]];
        for (int i = 0, k = 0; i < n; i++) for (int[] e : out.get(i)) target[k++] = e[0];
        return components(n, start, target);
    }

    /** Each node's strongly connected component, for a graph in CSR form: node u's successors are {@code target[start[u] .. start[u+1])}. */
    public static int[] components(int n, int[] start, int[] target) {
        int[] idx = new int[n];
        int[] low = new int[n];
        int[] comp = new int[n];
        boolean[] on = new boolean[n];
        Arrays.fill(idx, -1);
        int[] stack = new int[n];
        int sp = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        int counter = 0;
        int comps = 0;
        for (int s = 0; s < n; s++) {
            if (idx[s] >= 0) continue;
            int depth = 0;
            callNode[0] = s;
            callEdge[0] = start[s];
            idx[s] = low[s] = counter++;
            stack[sp++] = s;
            on[s] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                if (callEdge[depth] < start[v + 1]) {
                    int w = target[callEdge[depth]++];
                    if (idx[w] < 0) {
                        idx[w] = low[w] = counter++;
                        stack[sp++] = w;
                        on[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = start[w];
                    } else if (on[w]) {
                        low[v] = Math.min(low[v], idx[w]);
                    }
                } else {
                    if (low[v] == idx[v]) {
                        int w;
                        do {
                            w = stack[--sp];
                            on[w] = false;
                            comp[w] = comps;
                        } while (w != v);
                        comps++;
                    }
                    depth--;
                    if (depth >= 0) low[callNode[depth]] = Math.min(low[callNode[depth]], low[v]);
                }
            }
        }
        return comp;
    }

    /**
     * A short cycle of a graph in compressed sparse rows, among the edges not {@code disabled} (indexed
     * by {@code ids[slot]}): a depth-first search finds an edge u -> v back into its path, then a
     * breadth-first search the shortest path from v to u. The cycle's edges (their ids), or null.
     */
    public static int[] cycle(int n, int[] start, int[] target, int[] ids, boolean[] disabled) {
        byte[] color = new byte[n];
        int[] stack = new int[n];
        int[] cursor = new int[n];
        for (int root = 0; root < n; root++) {
            if (color[root] != 0) continue;
            int depth = 0;
            stack[depth++] = root;
            color[root] = 1;
            cursor[root] = start[root];
            while (depth > 0) {
                int u = stack[depth - 1];
                if (cursor[u] == start[u + 1]) {
                    color[u] = 2;
                    depth--;
                    continue;
                }
                int slot = cursor[u]++;
                if (disabled[ids[slot]]) continue;
                int v = target[slot];
                if (color[v] == 1) return closing(n, start, target, ids, disabled, v, u, slot);
                if (color[v] == 0) {
                    color[v] = 1;
                    cursor[v] = start[v];
                    stack[depth++] = v;
                }
            }
        }
        return null;
    }

    /** The shortest path from {@code from} to {@code to}, then the edge in {@code back}: edge ids. */
    private static int[] closing(int n, int[] start, int[] target, int[] ids, boolean[] disabled, int from, int to, int back) {
        int[] path = path(n, start, target, ids, disabled, from, to);
        int[] out = java.util.Arrays.copyOf(path, path.length + 1);
        out[path.length] = ids[back];
        return out;
    }

    /**
     * The shortest path from {@code from} to {@code to} over the edges not {@code disabled}, breadth
     * first: its edges' ids in order (empty when {@code from == to}), or null when there is none.
     */
    public static int[] path(int n, int[] start, int[] target, int[] ids, boolean[] disabled, int from, int to) {
        int[] via = new int[n];
        java.util.Arrays.fill(via, -1);
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        queue[tail++] = from;
        via[from] = -2;
        while (head < tail && via[to] == -1) {
            int u = queue[head++];
            for (int s = start[u]; s < start[u + 1]; s++) {
                int v = target[s];
                if (disabled[ids[s]] || via[v] != -1) continue;
                via[v] = s;
                queue[tail++] = v;
            }
        }
        if (via[to] == -1) return null;
        int len = 0;
        for (int x = to; x != from; x = source(start, via[x])) len++;
        int[] out = new int[len];
        int i = len - 1;
        for (int x = to; x != from; x = source(start, via[x])) out[i--] = ids[via[x]];
        return out;
    }

    /** The source of CSR slot s: the node whose row holds it. */
    private static int source(int[] start, int s) {
        int lo = 0;
        int hi = start.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (start[mid] <= s) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }
}
