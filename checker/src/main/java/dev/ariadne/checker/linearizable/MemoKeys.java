package dev.ariadne.checker.linearizable;

import java.util.Arrays;

/**
 * Compact memo keys for the linearizability search: the set of operations linearized, written in words
 * proportional to the concurrency at the search's frontier rather than to the partition's size.
 *
 * <p>Lowe's memo keys a configuration on the set of operations linearized, a bit set of n bits; a key with
 * 50,000 operations then costs 6 KB a configuration and the memo n^2/64 words along one search. But the set
 * has a shape. Let b be the first required operation left in completion order (the frontier). Every required
 * operation completed before b is linearized (b is the first that is not), and no operation invoked after b's
 * completion is: the search only takes invocations before the first pending completion, and that completion
 * only moves later along a path. So, numbering required operations by invocation, the set is
 * <em>b, all ranks below {@code lo(b)}, some of the ranks in [{@code lo(b)}, {@code hi(b)}), none above</em>,
 * where {@code lo(b)} is the lowest rank of a required operation completed no earlier than b and {@code hi(b)}
 * the number invoked before b's completion. The key is b and that slice: a bijection of the set, as Lowe's
 * key is. The slice spans the operations concurrent with b's completion plus those completed inside the
 * window of the oldest of them; for a key with ten clients, a word or two. Optional operations ({@code info})
 * never complete: they keep a bit set of their own, numbered among themselves by invocation and cut after
 * the last one invoked before b's completion.
 *
 * <p>What the key's being one-to-one rests on is only that the bits outside the slice are as b says; two
 * sets with the same b differ inside the slice or not at all. {@link #verify} (tests only) checks that at
 * every key, and that b is a required operation left.
 */
final class MemoKeys {
    /** Tests: check at every key that the operations outside the slice are as the shape says. */
    static boolean verify = false;

    private final boolean[] required;
    private final boolean optionalSeparate;
    /** An operation's rank among the required, or among the optional, ones by invocation. */
    private final int[] rank;
    /** Per required operation b: the slice [lo, hi) of required ranks, and the optional ranks below optHi. */
    private final int[] lo;
    private final int[] hi;
    private final int[] optHi;
    private final int requiredCount;
    private final int optionalCount;
    private final long[] requiredBits;
    private final long[] optionalBits;
    private final long[] buffer;

    /**
     * @param entries          the search's list entries in history order: position {@code << Search.ENTRY_BITS} | entry, where
     *                         entry {@code 2i} is operation i's invocation and {@code 2i+1} its completion (required
     *                         operations only)
     * @param optionalSeparate the memo subsumes over the optional operations, which then stay out of the key
     *                         and are passed beside it ({@link #optional()})
     */
    MemoKeys(long[] entries, int n, boolean[] required, boolean optionalSeparate) {
        this.required = required;
        this.optionalSeparate = optionalSeparate;
        this.rank = new int[n];
        this.lo = new int[n];
        this.hi = new int[n];
        this.optHi = new int[n];
        long mask = Search.ENTRY_MASK;
        // Ranks by invocation; hi and optHi: how many required (optional) operations are invoked before b's completion.
        int rc = 0, oc = 0;
        for (long key : entries) {
            int e = (int) (key & mask);
            int i = e >> 1;
            if ((e & 1) == 1) {
                hi[i] = rc;
                optHi[i] = oc;
            } else {
                rank[i] = required[i] ? rc++ : oc++;
            }
        }
        this.requiredCount = rc;
        this.optionalCount = oc;
        // lo: the lowest rank among the required operations completed no earlier than b (b included).
        int low = Integer.MAX_VALUE;
        for (int k = entries.length - 1; k >= 0; k--) {
            int e = (int) (entries[k] & mask);
            if ((e & 1) == 0) continue;
            low = Math.min(low, rank[e >> 1]);
            lo[e >> 1] = low;
        }
        this.requiredBits = new long[words(requiredCount) + 1];
        this.optionalBits = new long[words(optionalCount) + 1];
        this.buffer = new long[1 + words(requiredCount) + words(optionalCount) + 1];
    }

    private static int words(int bits) {
        return (bits + 63) >>> 6;
    }

    void clear() {
        Arrays.fill(requiredBits, 0);
        Arrays.fill(optionalBits, 0);
    }

    void flipRequired(int op) {
        int r = rank[op];
        requiredBits[r >>> 6] ^= 1L << r;
    }

    void flipOptional(int op) {
        int r = rank[op];
        optionalBits[r >>> 6] ^= 1L << r;
    }

    /** The key's words, valid up to the length {@link #key} returned. */
    long[] buffer() {
        return buffer;
    }

    /** The optional operations taken, by rank: the set beside the key when they are kept separate. */
    long[] optional() {
        return optionalBits;
    }

    /** How many words of {@link #optional()} can be set while {@code blocking} is the frontier. */
    int optionalWords(int blocking) {
        return words(blocking < 0 ? optionalCount : optHi[blocking]);
    }

    /**
     * Writes the key of the current set into {@link #buffer()}, {@code blocking} being the first required
     * operation left in completion order (-1 for none), and returns its length.
     */
    int key(int blocking) {
        int from = blocking < 0 ? requiredCount : lo[blocking];
        int to = blocking < 0 ? requiredCount : hi[blocking];
        if (verify) check(blocking, from, to);
        buffer[0] = blocking;
        int len = slice(requiredBits, from, to, buffer, 1);
        if (!optionalSeparate) len = slice(optionalBits, 0, blocking < 0 ? optionalCount : optHi[blocking], buffer, len);
        return len;
    }

    /**
     * Copies bits [from, to) of {@code src} to {@code dst} from word {@code at}; returns the word after them.
     * {@code src} must have a word to spare after the last one {@code to} reaches.
     */
    static int slice(long[] src, int from, int to, long[] dst, int at) {
        int count = to - from;
        int words = words(count);
        int shift = from & 63;
        int base = from >>> 6;
        if (shift == 0) {
            System.arraycopy(src, base, dst, at, words);
        } else {
            for (int w = 0; w < words; w++) {
                // src has a spare word at its end, so base + w + 1 is always in range.
                dst[at + w] = (src[base + w] >>> shift) | (src[base + w + 1] << (64 - shift));
            }
        }
        if ((count & 63) != 0) dst[at + words - 1] &= (1L << count) - 1;
        return at + words;
    }

    private void check(int blocking, int from, int to) {
        for (int r = 0; r < requiredCount; r++) {
            boolean taken = (requiredBits[r >>> 6] & (1L << r)) != 0;
            if (r < from && !taken) throw new IllegalStateException("required rank " + r + " below the slice but not linearized");
            if (r >= to && taken) throw new IllegalStateException("required rank " + r + " above the slice but linearized");
        }
        int optTo = blocking < 0 ? optionalCount : optHi[blocking];
        for (int r = optTo; r < optionalCount; r++) {
            if ((optionalBits[r >>> 6] & (1L << r)) != 0) throw new IllegalStateException("optional rank " + r + " invoked after the frontier but linearized");
        }
        if (blocking >= 0 && (!required[blocking] || (requiredBits[rank[blocking] >>> 6] & (1L << rank[blocking])) != 0)) {
            throw new IllegalStateException("the frontier " + blocking + " is not a required operation left");
        }
    }
}
