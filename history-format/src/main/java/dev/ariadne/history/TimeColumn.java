package dev.ariadne.history;

import java.util.Arrays;

/**
 * Event times in about four bytes each: every 64th time in full, the others as int offsets from it
 * (events recorded close together in time differ by far less than the two seconds an int holds in
 * nanoseconds). The first offset that does not fit turns the column into plain longs.
 */
final class TimeColumn {
    private static final int BLOCK = 64;
    private long[] base = new long[16];
    private int[] offset = new int[1024];
    private long[] plain;
    private int size;

    void add(long t) {
        if (plain != null) {
            if (size == plain.length) plain = Arrays.copyOf(plain, size * 2);
            plain[size++] = t;
            return;
        }
        int b = size / BLOCK;
        if (size % BLOCK == 0) {
            if (b == base.length) base = Arrays.copyOf(base, b * 2);
            base[b] = t;
        }
        long d = t - base[b];
        if (t == Op.NO_TIME || base[b] == Op.NO_TIME || d != (int) d) {
            widen();
            add(t);
            return;
        }
        if (size == offset.length) offset = Arrays.copyOf(offset, size * 2);
        offset[size++] = (int) d;
    }

    private void widen() {
        long[] all = new long[Math.max(16, offset.length)];
        for (int i = 0; i < size; i++) all[i] = get(i);
        plain = all;
        base = null;
        offset = null;
    }

    long get(int i) {
        if (i >= size) throw new IndexOutOfBoundsException(i);
        return plain != null ? plain[i] : base[i / BLOCK] + offset[i];
    }

    int size() {
        return size;
    }

    void trim() {
        if (plain != null) {
            plain = Arrays.copyOf(plain, size);
        } else {
            offset = Arrays.copyOf(offset, size);
            base = Arrays.copyOf(base, (size + BLOCK - 1) / BLOCK);
        }
    }

    long bytes() {
        return plain != null ? 8L * plain.length : 4L * offset.length + 8L * base.length;
    }
}
