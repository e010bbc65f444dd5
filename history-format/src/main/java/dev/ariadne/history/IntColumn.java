package dev.ariadne.history;

import java.util.Arrays;

/**
 * A growable column of ints stored as bytes until a value needs more, then as shorts, then as ints:
 * most of a history's columns (process, function, key) hold small codes.
 */
final class IntColumn {
    private byte[] bytes = new byte[1024];
    private short[] shorts;
    private int[] ints;
    private int size;

    void add(int v) {
        if (ints != null) {
            if (size == ints.length) ints = Arrays.copyOf(ints, size * 2);
            ints[size++] = v;
        } else if (shorts != null) {
            if (v != (short) v) {
                widenToInts();
                add(v);
                return;
            }
            if (size == shorts.length) shorts = Arrays.copyOf(shorts, size * 2);
            shorts[size++] = (short) v;
        } else {
            if (v != (byte) v) {
                if (v == (short) v) widenToShorts();
                else widenToInts();
                add(v);
                return;
            }
            if (size == bytes.length) bytes = Arrays.copyOf(bytes, size * 2);
            bytes[size++] = (byte) v;
        }
    }

    int get(int i) {
        if (i >= size) throw new IndexOutOfBoundsException(i);
        return ints != null ? ints[i] : shorts != null ? shorts[i] : bytes[i];
    }

    void set(int i, int v) {
        if (i >= size) throw new IndexOutOfBoundsException(i);
        if (ints != null) {
            ints[i] = v;
        } else if (shorts != null) {
            if (v != (short) v) {
                widenToInts();
                ints[i] = v;
            } else {
                shorts[i] = (short) v;
            }
        } else if (v != (byte) v) {
            if (v == (short) v) widenToShorts();
            else widenToInts();
            set(i, v);
        } else {
            bytes[i] = (byte) v;
        }
    }

    int size() {
        return size;
    }

    private void widenToShorts() {
        shorts = new short[Math.max(16, bytes.length)];
        for (int i = 0; i < size; i++) shorts[i] = bytes[i];
        bytes = null;
    }

    private void widenToInts() {
        int cap = Math.max(16, bytes != null ? bytes.length : shorts.length);
        ints = new int[cap];
        for (int i = 0; i < size; i++) ints[i] = bytes != null ? bytes[i] : shorts[i];
        bytes = null;
        shorts = null;
    }

    void trim() {
        if (ints != null) ints = Arrays.copyOf(ints, size);
        else if (shorts != null) shorts = Arrays.copyOf(shorts, size);
        else bytes = Arrays.copyOf(bytes, size);
    }

    long bytes() {
        return ints != null ? 4L * ints.length : shorts != null ? 2L * shorts.length : bytes.length;
    }
}
