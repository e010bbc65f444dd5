package dev.ariadne.checker.txn;

import java.util.Arrays;

/**
 * A growing list of edges, each with the SAT literal that chose it (0: known) and a reason code for
 * the report (see {@link VersionOrderSearch#why}).
 */
final class IntEdges {
    int size;
    int[] from = new int[256];
    int[] to = new int[256];
    int[] lit = new int[256];
    int[] why = new int[256];
    int[] ids;

    void add(int a, int b) {
        add(a, b, 0, 0);
    }

    void add(int a, int b, int l, int reason) {
        if (size == from.length) {
            from = Arrays.copyOf(from, size * 2);
            to = Arrays.copyOf(to, size * 2);
            lit = Arrays.copyOf(lit, size * 2);
            why = Arrays.copyOf(why, size * 2);
        }
        from[size] = a;
        to[size] = b;
        lit[size] = l;
        why[size] = reason;
        size++;
    }

    IntEdges plus(IntEdges o) {
        IntEdges r = new IntEdges();
        r.size = size + o.size;
        r.from = Arrays.copyOf(from, r.size);
        r.to = Arrays.copyOf(to, r.size);
        r.lit = Arrays.copyOf(lit, r.size);
        r.why = Arrays.copyOf(why, r.size);
        System.arraycopy(o.from, 0, r.from, size, o.size);
        System.arraycopy(o.to, 0, r.to, size, o.size);
        System.arraycopy(o.lit, 0, r.lit, size, o.size);
        System.arraycopy(o.why, 0, r.why, size, o.size);
        return r;
    }

    /** {start, target} by source; {@link #ids} maps each CSR slot to its edge. */
    int[][] csr(int n) {
        int[] start = new int[n + 1];
        for (int e = 0; e < size; e++) start[from[e] + 1]++;
        for (int i = 0; i < n; i++) start[i + 1] += start[i];
        int[] target = new int[size];
        ids = new int[size];
        int[] fill = Arrays.copyOf(start, n);
        for (int e = 0; e < size; e++) {
            int slot = fill[from[e]]++;
            target[slot] = to[e];
            ids[slot] = e;
        }
        return new int[][]{start, target};
    }
}
