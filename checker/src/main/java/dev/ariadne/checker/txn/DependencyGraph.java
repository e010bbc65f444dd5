package dev.ariadne.checker.txn;

import java.util.Arrays;

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

    /** Collects edges in any order, duplicates allowed, then packs them. */
    static final class Builder {
        private final int n;
        private long[] packed = new long[1024];
        private int size;

        Builder(int n) {
            this.n = n;
        }

        void add(int from, int to, int type) {
            if (from == to || from < 0 || to < 0) return;
            if (size == packed.length) packed = Arrays.copyOf(packed, size * 2);
            packed[size++] = ((long) from << 36) | ((long) to << 5) | type;
        }

        DependencyGraph build() {
            long[] e = Arrays.copyOf(packed, size);
            Arrays.sort(e);
            int[] start = new int[n + 1];
            int[] target = new int[size];
            byte[] types = new byte[size];
            int m = 0;
            long lastPair = -1;
            for (long x : e) {
                long pair = x >>> 5;
                int t = (int) (x & 31);
                if (pair == lastPair) {
                    types[m - 1] |= (byte) t;
                    continue;
                }
                lastPair = pair;
                int from = (int) (x >>> 36);
                target[m] = (int) ((x >>> 5) & ((1L << 31) - 1));
                types[m] = (byte) t;
                start[from + 1]++;
                m++;
            }
            for (int i = 0; i < n; i++) start[i + 1] += start[i];
            return new DependencyGraph(n, start, Arrays.copyOf(target, m), Arrays.copyOf(types, m));
        }
    }
}
