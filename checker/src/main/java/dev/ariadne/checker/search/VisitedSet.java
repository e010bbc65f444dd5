package dev.ariadne.checker.search;

import java.util.Arrays;

/**
 * A search's memo of configurations already explored: pairs of (a vector of longs, datatype state),
 * such as (set of linearized operations, state) in Lowe's refinement of Wing and Gong's algorithm, or
 * (per-process frontier, state) for sequential consistency. Open addressing over primitive arrays;
 * the caller supplies the vector's hash (maintained incrementally where it can), so adding costs one
 * probe and one array copy.
 */
public final class VisitedSet {
    private long[] hashes;
    private long[][] sets;
    private Object[] states;
    private int size;
    private int mask;
    private final int words;

    public VisitedSet(int words) {
        this.words = words;
        int cap = 1024;
        hashes = new long[cap];
        sets = new long[cap][];
        states = new Object[cap];
        mask = cap - 1;
    }

    public int size() {
        return size;
    }

    /** Bytes held, roughly: the slots, each stored bitset, and an allowance for its state and the search stack. */
    public long bytes() {
        return (long) hashes.length * 24 + (long) size * (48 + 8L * words);
    }

    /** Adds the configuration; false if it was present already. */
    public boolean add(long[] bits, long bitsHash, Object state) {
        long h = mix(bitsHash ^ (state.hashCode() * 0x9E3779B97F4A7C15L));
        if (h == 0) h = 1;
        int i = (int) h & mask;
        while (true) {
            long[] s = sets[i];
            if (s == null) break;
            if (hashes[i] == h && Arrays.equals(s, bits) && states[i].equals(state)) return false;
            i = (i + 1) & mask;
        }
        hashes[i] = h;
        sets[i] = bits.clone();
        states[i] = state;
        if (++size * 2 > hashes.length) grow();
        return true;
    }

    private void grow() {
        long[] oh = hashes;
        long[][] os = sets;
        Object[] ost = states;
        int cap = oh.length * 2;
        hashes = new long[cap];
        sets = new long[cap][];
        states = new Object[cap];
        mask = cap - 1;
        for (int j = 0; j < oh.length; j++) {
            if (os[j] == null) continue;
            int i = (int) oh[j] & mask;
            while (sets[i] != null) i = (i + 1) & mask;
            hashes[i] = oh[j];
            sets[i] = os[j];
            states[i] = ost[j];
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
