package dev.ariadne.checker.certify;

import dev.ariadne.checker.report.TransactionalWitness;

import java.util.Arrays;

/**
 * Who sees whom in a witness: by snapshot (a prefix of the arbitration order), or by edges, directly
 * or through their transitive closure. Closure queries walk the edges backwards from the reader and
 * only through positions at or above the oldest one asked about (edges go forward in the order), and
 * count their steps against a budget.
 */
final class Visibility {
    static final class OutOfBudget extends RuntimeException {
        OutOfBudget() {
            super(null, null, false, false);
        }
    }

    private final TransactionalWitness w;
    private final int[] pos;
    /** Incoming edges per position (CSR), for the edge shape. */
    private final int[] inStart;
    private final int[] inFrom;
    private long budget;
    /** Closure cache: the ancestors of {@code cachedFor}, walked down to {@code cachedFloor}. */
    private final int[] mark;
    private int stamp;
    private int cachedFor = -1;
    private int cachedFloor;
    private final int[] stack;

    Visibility(TransactionalWitness w, int[] pos, long budget) {
        this.w = w;
        this.pos = pos;
        this.budget = budget;
        int m = w.order().length;
        if (w.shape() == TransactionalWitness.Shape.VISIBILITY) {
            inStart = new int[m + 1];
            for (int to : w.visibleTo()) inStart[to + 1]++;
            for (int i = 0; i < m; i++) inStart[i + 1] += inStart[i];
            inFrom = new int[w.visibleFrom().length];
            int[] fill = Arrays.copyOf(inStart, m);
            for (int e = 0; e < inFrom.length; e++) inFrom[fill[w.visibleTo()[e]]++] = w.visibleFrom()[e];
            for (int i = 0; i < m; i++) Arrays.sort(inFrom, inStart[i], inStart[i + 1]);
        } else {
            inStart = null;
            inFrom = null;
        }
        mark = new int[m];
        stack = new int[m];
    }

    /** Whether transaction {@code u} is visible to transaction {@code t} (both committed). */
    boolean sees(int t, int u) {
        int pt = pos[t];
        int pu = pos[u];
        if (pu >= pt) return false;
        return switch (w.shape()) {
            case SNAPSHOTS -> pu < w.snapshot()[pt];
            case VERSION_ORDER -> false;
            case VISIBILITY -> w.transitive() ? ancestor(pt, pu) : Arrays.binarySearch(inFrom, inStart[pt], inStart[pt + 1], pu) >= 0;
        };
    }

    private boolean ancestor(int pt, int pu) {
        if (cachedFor != pt || cachedFloor > pu) {
            stamp++;
            cachedFor = pt;
            cachedFloor = pu;
            int top = 0;
            stack[top++] = pt;
            mark[pt] = stamp;
            while (top > 0) {
                int v = stack[--top];
                for (int i = inStart[v]; i < inStart[v + 1]; i++) {
                    if (--budget < 0) throw new OutOfBudget();
                    int u = inFrom[i];
                    if (u < pu || mark[u] == stamp) continue;
                    mark[u] = stamp;
                    stack[top++] = u;
                }
            }
        }
        return mark[pu] == stamp && pu != pt;
    }

    long budgetLeft() {
        return budget;
    }

    void spend(long steps) {
        budget -= steps;
        if (budget < 0) throw new OutOfBudget();
    }
}
