package dev.ariadne.history;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Distinct strings stored once each as UTF-8 in one byte array, found again through an open-addressing
 * table of their offsets: a history whose every write is a fresh string ({@code "v123456"}) holds about
 * 12 bytes per string rather than a Jackson node, a String and its array (some 64 bytes), and keeps no
 * String objects while loading either. Strings are numbered from 0 in the order first interned.
 */
final class TextPool {
    private byte[] bytes = new byte[4096];
    private int used;
    /** Per string: where its bytes start; the next string's start (or {@link #used}) is where they end. */
    private int[] start = new int[256];
    private int count;
    /** Slots holding string number + 1, or 0 when empty; null once sealed. */
    private int[] slots = new int[1024];

    /** The string's number, adding it when new. */
    int intern(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int h = hash(b);
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int id = slots[i] - 1;
            if (id < 0) {
                id = add(b);
                slots[i] = id + 1;
                if (count * 4L > 3L * slots.length) rehash();
                return id;
            }
            if (equal(id, b)) return id;
        }
    }

    private int add(byte[] b) {
        if (used + b.length > bytes.length) {
            long cap = Math.max((long) used + b.length, bytes.length * 2L);
            if (cap > Integer.MAX_VALUE - 16) throw new IllegalStateException("more than 2 GB of distinct strings");
            bytes = Arrays.copyOf(bytes, (int) cap);
        }
        System.arraycopy(b, 0, bytes, used, b.length);
        if (count == start.length) start = Arrays.copyOf(start, count * 2);
        start[count] = used;
        used += b.length;
        return count++;
    }

    private int end(int id) {
        return id + 1 < count ? start[id + 1] : used;
    }

    private boolean equal(int id, byte[] b) {
        int s = start[id];
        return end(id) - s == b.length && Arrays.equals(bytes, s, s + b.length, b, 0, b.length);
    }

    /**
     * Arrays.hashCode mixed by MurmurHash3's finalizer: strings that differ in their last characters
     * ("v1000000", "v1000001", ...) have neighbouring hash codes, which linear probing would put in
     * one long run of slots (interning 10M such strings took minutes); every bit of the mix depends on
     * every bit of the code.
     */
    private static int hash(byte[] b) {
        int h = Arrays.hashCode(b);
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int id = 0; id < count; id++) {
            int h = hash(Arrays.copyOfRange(bytes, start[id], end(id)));
            int i = h & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = id + 1;
        }
    }

    /** The longest run of occupied slots, which a lookup may walk (for tests of the hash's spread). */
    int longestRun() {
        int best = 0, run = 0;
        for (int v : slots) {
            run = v != 0 ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }

    String get(int id) {
        return new String(bytes, start[id], end(id) - start[id], StandardCharsets.UTF_8);
    }

    /** Ends interning: drops the lookup table and trims the arrays. */
    void seal() {
        slots = null;
        bytes = Arrays.copyOf(bytes, used);
        start = Arrays.copyOf(start, count);
    }

    long bytes() {
        return bytes.length + 4L * start.length + (slots == null ? 0 : 4L * slots.length);
    }
}
