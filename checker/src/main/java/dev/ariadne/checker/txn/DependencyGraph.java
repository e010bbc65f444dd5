package dev.ariadne.checker.txn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The direct serialization graph of a transactional history (Adya 1999, chapter 3): one node per
 * operation of the history (only committed transactions have edges), and typed edges between them,
 * stored as compressed rows of primitive arrays. Two transactions joined by several dependencies have
 * one edge carrying all their types as bits.
 */
public final class DependencyGraph {
    /** T1 installed a version of a key and T2 installed the next one (write-write). */
    public static final int WW = 1;
    /** T2 read a version of a key that T1 installed (write-read). */
    public static final int WR = 2;
    /** T1 read a version of a key and T2 installed a later one (read-write, an anti-dependency). */
    public static final int RW = 4;
    /** T1 and T2 ran on one process, T1 first. */
    public static final int PROCESS = 8;
    /** T1 completed before T2 was invoked. */
    public static final int REALTIME = 16;
    /** The data dependencies. */
    public static final int DATA = WW | WR | RW;

    final int n;
    final int[] start;
    final int[] target;
    final byte[] types;

    private DependencyGraph(int n, int[] start, int[] target, byte[] types) {
        this.n = n;
        this.start = start;
        this.target = target;
        this.types = types;
    }

    public int nodes() {
        return n;
    }

    public int edges() {
        return target.length;
    }

    /** The dependency types from {@code from} to {@code to}, as bits; 0 when there is no edge. */
    public int types(int from, int to) {
        int i = Arrays.binarySearch(target, start[from], start[from + 1], to);
        return i < 0 ? 0 : types[i];
    }

    /** The short name of one type bit, as Elle writes it. */
    public static String name(int type) {
        return switch (type) {
            case WW -> "ww";
            case WR -> "wr";
            case RW -> "rw";
            case PROCESS -> "process";
            case REALTIME -> "realtime";
            default -> throw new IllegalArgumentException("not one dependency type: " + type);
        };
    }

    static Builder builder(int n) {
        return new Builder(n);
    }

    /**
     * Collects edges in any order, duplicates allowed, then packs them into compressed sparse rows in
     * two passes (count per source, then fill), never holding more than one copy of the edges: they are
     * kept in fixed chunks that are dropped as the fill consumes them, so a history of tens of millions
     * of transactions does not need a doubled array of every edge.
     */
    static final class Builder {
        private static final int CHUNK = 1 << 20;
        private final int n;
        private final List<long[]> chunks = new ArrayList<>();
        private long[] current;
        private int used;
        private long size;

        Builder(int n) {
            this.n = n;
        }

        void add(int from, int to, int type) {
            if (from == to || from < 0 || to < 0) return;
            if (current == null || used == current.length) {
                // Chunks grow with the graph (a small history's graph stays small) up to a fixed size.
                current = new long[(int) Math.min(CHUNK, Math.max(256, size))];
                chunks.add(current);
                used = 0;
            }
            current[used++] = ((long) from << 36) | ((long) to << 5) | type;
            size++;
        }

        DependencyGraph build() {
            if (size > Integer.MAX_VALUE - 16) throw new IllegalStateException("more than 2^31 dependency edges");
            int total = (int) size;
            int[] start = new int[n + 1];
            forEach(x -> start[(int) (x >>> 36) + 1]++, false);
            for (int i = 0; i < n; i++) start[i + 1] += start[i];
            // Each edge as (target, type) in its source's row; a row sorted, duplicates merge their types.
            long[] wide = n >= (1 << 26) ? new long[total] : null;
            int[] narrow = wide == null ? new int[total] : null;
            int[] fill = Arrays.copyOf(start, n);
            forEach(x -> {
                int from = (int) (x >>> 36);
                int to = (int) ((x >>> 5) & ((1L << 31) - 1));
                int t = (int) (x & 31);
                if (narrow != null) narrow[fill[from]++] = (to << 5) | t;
                else wide[fill[from]++] = ((long) to << 5) | t;
            }, true);
            // Rows sorted and compacted in place (an edge never moves right), then split into targets and types.
            int m = 0;
            for (int u = 0; u < n; u++) {
                int lo = start[u];
                int hi = start[u + 1];
                if (narrow != null) Arrays.sort(narrow, lo, hi);
                else Arrays.sort(wide, lo, hi);
                start[u] = m;
                long last = -1;
                for (int i = lo; i < hi; i++) {
                    long x = narrow != null ? narrow[i] : wide[i];
                    if (x >>> 5 == last) {
                        if (narrow != null) narrow[m - 1] |= (int) (x & 31);
                        else wide[m - 1] |= x & 31;
                        continue;
                    }
                    last = x >>> 5;
                    if (narrow != null) narrow[m++] = (int) x;
                    else wide[m++] = x;
                }
            }
            start[n] = m;
            int[] target = new int[m];
            byte[] types = new byte[m];
            for (int i = 0; i < m; i++) {
                long x = narrow != null ? narrow[i] : wide[i];
                target[i] = (int) (x >>> 5);
                types[i] = (byte) (x & 31);
            }
            return new DependencyGraph(n, start, target, types);
        }

        /** Each packed edge, in the order added; with {@code drop}, each chunk is let go once read. */
        private void forEach(java.util.function.LongConsumer f, boolean drop) {
            for (int c = 0; c < chunks.size(); c++) {
                long[] chunk = chunks.get(c);
                int len = c == chunks.size() - 1 ? used : chunk.length;
                for (int i = 0; i < len; i++) f.accept(chunk[i]);
                if (drop) chunks.set(c, null);
            }
            if (drop) current = null;
        }
    }
}
