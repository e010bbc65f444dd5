package dev.ariadne.checker.search;

import java.util.Arrays;

/**
 * An open-addressing hash map from long to non-negative int, without boxing: the element index of a
 * list-append history, a log consumer's place. Linear probing, filled to three quarters before it doubles.
 */
public final class LongIntMap {
    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    public LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 4 / 3 + 1) - 1) << 1;
        keys = new long[cap];
        values = new int[cap];
        Arrays.fill(values, -1);
        mask = cap - 1;
    }

    /** The value of {@code key}, or -1. */
    public int get(long key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            if (values[i] < 0) return -1;
            if (keys[i] == key) return values[i];
        }
    }

    /** Puts {@code value} unless the key is present; returns the present value, or -1 when it was absent. */
    public int putIfAbsent(long key, int value) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            if (values[i] < 0) {
                keys[i] = key;
                values[i] = value;
                if (++size * 4L > 3L * keys.length) grow();
                return -1;
            }
            if (keys[i] == key) return values[i];
        }
    }

    /** Sets {@code key} to {@code value} (non-negative). */
    public void put(long key, int value) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            if (values[i] < 0) {
                keys[i] = key;
                values[i] = value;
                if (++size * 4L > 3L * keys.length) grow();
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] k = keys;
        int[] v = values;
        keys = new long[k.length * 2];
        values = new int[k.length * 2];
        Arrays.fill(values, -1);
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < k.length; i++) if (v[i] >= 0) putIfAbsent(k[i], v[i]);
    }
}
