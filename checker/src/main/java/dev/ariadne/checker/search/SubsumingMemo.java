package dev.ariadne.checker.search;

import java.util.Arrays;

/**
 * A linearizability search's memo when some operations are optional ({@code info}, or relaxed while
 * shrinking): configurations are (required operations taken, optional operations taken, state), and
 * one configuration subsumes another with the same required set and state when it has taken a
 * subset of the other's optional operations. Whatever the larger one can still do, the smaller one
 * can (its extra optional operations may simply never take effect), so once the smaller one has
 * been explored, or is being explored on the current path, the larger needs no search. This is
 * the antichain idea of subsumption-based model checking applied to Lowe's memo; with no optional
 * operation it is Lowe's memo exactly.
 *
 * <p>Open addressing on (required set, state); each slot keeps the antichain of optional sets seen,
 * minimal under inclusion. Primitive arrays only. Sets are given as a prefix of a reused array, so
 * the caller may write them in any compact form that is one-to-one (the linearizability search's
 * MemoKeys); the optional sets of one required set must all have the same length.
 */
public final class SubsumingMemo {
    private long[] hashes;
    private long[][] sets;
    private Object[] states;
    /** Per slot: the optional sets stored, {@code optCount[i]} of them. */
    private long[][][] opts;
    private int[] optCount;
    private int size;
    private long stored;
    /** Words held by the stored required sets and optional sets. */
    private long setWords;
    private int mask;

    public SubsumingMemo() {
        allocate(64);
    }

    /** Empty slots for {@code cap} configurations (a power of two). */
    private void allocate(int cap) {
        hashes = new long[cap];
        sets = new long[cap][];
        states = new Object[cap];
        opts = new long[cap][][];
        optCount = new int[cap];
        mask = cap - 1;
    }

    /** Bytes held, roughly: the slots, each stored set, and an allowance for its state and the search stack. */
    public long bytes() {
        return (long) hashes.length * 40 + (long) size * 48 + stored * 24 + setWords * 8;
    }

    /**
     * Adds the configuration; false when it is subsumed: some stored configuration has the same
     * required set and state and a subset of its optional set (equal sets included). The sets are the
     * first {@code requiredLength} and {@code optionalLength} words of the arrays, which are copied when kept.
     */
    public boolean add(long[] required, int requiredLength, long requiredHash, long[] optional, int optionalLength,
                       boolean anyOptional, Object state) {
        long h = mix(requiredHash ^ (state.hashCode() * 0x9E3779B97F4A7C15L));
        if (h == 0) h = 1;
        int i = (int) h & mask;
        while (true) {
            long hi = hashes[i];
            if (hi == 0) break;
            if (hi == h && Arrays.equals(sets[i], 0, sets[i].length, required, 0, requiredLength) && states[i].equals(state)) {
                return addOptional(i, optional, optionalLength, anyOptional);
            }
            i = (i + 1) & mask;
        }
        hashes[i] = h;
        sets[i] = Arrays.copyOf(required, requiredLength);
        states[i] = state;
        setWords += requiredLength;
        // No list at all stands for the empty optional set alone: the common case allocates nothing more.
        if (anyOptional) {
            opts[i] = new long[][] {Arrays.copyOf(optional, optionalLength), null};
            setWords += optionalLength;
        } else {
            opts[i] = null;
        }
        optCount[i] = 1;
        stored++;
        if (++size * 2 > hashes.length) grow();
        return true;
    }

    /** A null optional set stands for the empty one, which subsumes every other. */
    private boolean addOptional(int slot, long[] optional, int optionalLength, boolean anyOptional) {
        long[][] list = opts[slot];
        if (list == null) return false;
        int n = optCount[slot];
        for (int k = 0; k < n; k++) {
            long[] o = list[k];
            if (o == null || subset(o, optional, o.length)) return false;
        }
        // Drop the stored sets the new one subsumes, keeping the list an antichain.
        int w = 0;
        for (int k = 0; k < n; k++) {
            long[] o = list[k];
            if (anyOptional && !subset(optional, o, o.length)) list[w++] = o;
            else setWords -= o.length;
        }
        stored -= n - w;
        if (w == list.length) {
            list = Arrays.copyOf(list, list.length * 2);
            opts[slot] = list;
        }
        if (!anyOptional) {
            opts[slot] = null;
            optCount[slot] = 1;
            stored++;
            return true;
        }
        list[w++] = Arrays.copyOf(optional, optionalLength);
        setWords += optionalLength;
        for (int k = w; k < n; k++) list[k] = null;
        optCount[slot] = w;
        stored++;
        return true;
    }

    /** Whether the first {@code len} words of {@code a} are a subset of those of {@code b}. */
    private static boolean subset(long[] a, long[] b, int len) {
        for (int k = 0; k < len; k++) if ((a[k] & ~b[k]) != 0) return false;
        return true;
    }

    private void grow() {
        long[] oh = hashes;
        long[][] os = sets;
        Object[] ost = states;
        long[][][] oo = opts;
        int[] oc = optCount;
        allocate(oh.length * 2);
        for (int j = 0; j < oh.length; j++) {
            if (oh[j] == 0) continue;
            int i = (int) oh[j] & mask;
            while (hashes[i] != 0) i = (i + 1) & mask;
            hashes[i] = oh[j];
            sets[i] = os[j];
            states[i] = ost[j];
            opts[i] = oo[j];
            optCount[i] = oc[j];
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
