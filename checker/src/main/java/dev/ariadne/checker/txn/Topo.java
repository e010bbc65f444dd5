package dev.ariadne.checker.txn;

import java.util.Arrays;

/**
 * Kahn's algorithm over a subset of nodes and a list of edges, ready nodes taken by a priority (the
 * earliest invoked first), so that the order found tends to respect real time when it can.
 */
final class Topo {
    private final int n;
    private int edges;
    private int[] from = new int[256];
    private int[] to = new int[256];

    Topo(int n) {
        this.n = n;
    }

    void add(int a, int b) {
        if (a == b) return;
        if (edges == from.length) {
            from = Arrays.copyOf(from, edges * 2);
            to = Arrays.copyOf(to, edges * 2);
        }
        from[edges] = a;
        to[edges] = b;
        edges++;
    }

    /** Adds the edges of {@code g} whose type meets {@code mask}, between nodes in {@code include}. */
    void addAll(DependencyGraph g, int mask, boolean[] include) {
        for (int u = 0; u < g.n; u++) {
            if (!include[u]) continue;
            for (int e = g.start[u]; e < g.start[u + 1]; e++) if ((g.types[e] & mask) != 0 && include[g.target[e]]) add(u, g.target[e]);
        }
    }

    /** The edges as {sources, targets}. */
    int[][] edges() {
        return new int[][]{Arrays.copyOf(from, edges), Arrays.copyOf(to, edges)};
    }

    /** The edges packed by source: {start, target}. */
    private int[][] csr() {
        int[] start = new int[n + 1];
        for (int e = 0; e < edges; e++) start[from[e] + 1]++;
        for (int i = 0; i < n; i++) start[i + 1] += start[i];
        int[] target = new int[edges];
        int[] fill = Arrays.copyOf(start, n);
        for (int e = 0; e < edges; e++) target[fill[from[e]]++] = to[e];
        return new int[][]{start, target};
    }

    /** The nodes of {@code include} in an order that keeps every edge forward, or null when there is a cycle. */
    int[] order(boolean[] include, long[] priority) {
        int[][] g = csr();
        int[] start = g[0];
        int[] target = g[1];
        int[] indegree = new int[n];
        for (int e = 0; e < edges; e++) indegree[to[e]]++;
        // A binary heap of (priority, node) packed in longs: no boxing on histories of millions of nodes.
        long[] heap = new long[16];
        int size = 0;
        int members = 0;
        for (int i = 0; i < n; i++) {
            if (!include[i]) continue;
            members++;
            if (indegree[i] == 0) heap = push(heap, size++, (priority[i] << 31) | i);
        }
        int[] out = new int[members];
        int m = 0;
        while (size > 0) {
            int u = (int) (heap[0] & 0x7fffffffL);
            heap[0] = heap[--size];
            siftDown(heap, size);
            out[m++] = u;
            for (int e = start[u]; e < start[u + 1]; e++) if (--indegree[target[e]] == 0) heap = push(heap, size++, (priority[target[e]] << 31) | target[e]);
        }
        return m == members ? out : null;
    }

    private static long[] push(long[] heap, int size, long v) {
        if (size == heap.length) heap = Arrays.copyOf(heap, size * 2);
        int i = size;
        heap[i] = v;
        while (i > 0 && heap[(i - 1) / 2] > heap[i]) {
            long p = heap[(i - 1) / 2];
            heap[(i - 1) / 2] = heap[i];
            heap[i] = p;
            i = (i - 1) / 2;
        }
        return heap;
    }

    private static void siftDown(long[] heap, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) return;
            int c = l + 1 < size && heap[l + 1] < heap[l] ? l + 1 : l;
            if (heap[i] <= heap[c]) return;
            long x = heap[i];
            heap[i] = heap[c];
            heap[c] = x;
            i = c;
        }
    }

    /** Some cycle among the nodes of {@code include} (in edge order), or null when there is none. */
    int[] cycle(boolean[] include) {
        int[] indegree = new int[n];
        for (int e = 0; e < edges; e++) if (include[from[e]]) indegree[to[e]]++;
        int[][] g = csr();
        int[] start = g[0];
        int[] target = g[1];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        boolean[] gone = new boolean[n];
        for (int i = 0; i < n; i++) if (include[i] && indegree[i] == 0) queue[tail++] = i;
        while (head < tail) {
            int u = queue[head++];
            gone[u] = true;
            for (int e = start[u]; e < start[u + 1]; e++) if (--indegree[target[e]] == 0) queue[tail++] = target[e];
        }
        int[] pred = new int[n];
        Arrays.fill(pred, -1);
        int any = -1;
        for (int e = 0; e < edges; e++) {
            if (!include[from[e]] || gone[from[e]] || gone[to[e]]) continue;
            pred[to[e]] = from[e];
            any = to[e];
        }
        if (any < 0) return null;
        int[] seen = new int[n];
        int v = any;
        int step = 1;
        while (seen[v] == 0) {
            seen[v] = step++;
            v = pred[v];
        }
        int len = step - seen[v];
        int[] out = new int[len];
        for (int i = len - 1; i >= 0; i--) {
            out[i] = v;
            v = pred[v];
        }
        return out;
    }

    /** A copy with the same edges, to add alternatives to. */
    Topo copy() {
        Topo t = new Topo(n);
        t.from = Arrays.copyOf(from, from.length);
        t.to = Arrays.copyOf(to, to.length);
        t.edges = edges;
        return t;
    }
}
