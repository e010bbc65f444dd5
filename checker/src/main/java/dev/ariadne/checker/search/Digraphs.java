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
     * A topological order of {@code out} together with extra edges given in CSR form
     * ({@code extraStart} per node into {@code extraTarget}; both null for none), or null on a cycle.
     */
    public static int[] topological(List<List<int[]>> out, int[] extraStart, int[] extraTarget) {
        int n = out.size();
        int[] indeg = new int[n];
        for (List<int[]> es : out) for (int[] e : es) indeg[e[0]]++;
        if (extraTarget != null) for (int t : extraTarget) indeg[t]++;
        int[] order = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) if (indeg[i] == 0) order[tail++] = i;
        while (head < tail) {
            int u = order[head++];
            for (int[] e : out.get(u)) if (--indeg[e[0]] == 0) order[tail++] = e[0];
            if (extraStart != null) for (int k = extraStart[u]; k < extraStart[u + 1]; k++) if (--indeg[extraTarget[k]] == 0) order[tail++] = extraTarget[k];
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
}
