package dev.ariadne.history;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Lists of ints stored as prefixes of shared arrays, one array per group (a key): in a list-append
 * history each read of a key shows a prefix of one growing list, so storing each read as a length into
 * one array holds the key's list once however many times it is read. A list that disagrees with its
 * group's array gets an array of its own. Lists are numbered from 0 in the order they are added.
 */
public final class PrefixLists {
    private int[] listArray = new int[256];
    private int[] listLength = new int[256];
    private int lists;
    private int[][] arrays = new int[16][];
    private int[] arrayLength = new int[16];
    private int arrayCount;
    private Map<Integer, Integer> groupArray = new HashMap<>();

    /** Adds the first {@code n} ints of {@code elems} as a list of {@code group}; returns its number. */
    public int add(int group, int[] elems, int n) {
        Integer a = groupArray.get(group);
        int array;
        if (a != null && prefixEither(a, elems, n)) {
            array = a;
            if (n > arrayLength[array]) {
                int[] arr = arrays[array];
                if (n > arr.length) arrays[array] = arr = Arrays.copyOf(arr, Math.max(n, arr.length * 2));
                System.arraycopy(elems, arrayLength[array], arr, arrayLength[array], n - arrayLength[array]);
                arrayLength[array] = n;
            }
        } else {
            array = newArray(Arrays.copyOf(elems, n));
            // A group's first list starts its array; a list that disagrees keeps its own.
            if (a == null) groupArray.put(group, array);
        }
        if (lists == listArray.length) {
            listArray = Arrays.copyOf(listArray, lists * 2);
            listLength = Arrays.copyOf(listLength, lists * 2);
        }
        listArray[lists] = array;
        listLength[lists] = n;
        if (lists == Integer.MAX_VALUE - 8) throw new IllegalStateException("too many lists");
        return lists++;
    }

    private boolean prefixEither(int array, int[] elems, int n) {
        int[] arr = arrays[array];
        int common = Math.min(arrayLength[array], n);
        for (int i = 0; i < common; i++) if (arr[i] != elems[i]) return false;
        return true;
    }

    private int newArray(int[] elems) {
        if (arrayCount == arrays.length) {
            arrays = Arrays.copyOf(arrays, arrayCount * 2);
            arrayLength = Arrays.copyOf(arrayLength, arrayCount * 2);
        }
        arrays[arrayCount] = elems;
        arrayLength[arrayCount] = elems.length;
        return arrayCount++;
    }

    public int size() {
        return lists;
    }

    public int length(int list) {
        return listLength[list];
    }

    public int get(int list, int i) {
        if (i >= listLength[list]) throw new IndexOutOfBoundsException(i);
        return arrays[listArray[list]][i];
    }

    /** The list as an array of its own. */
    public int[] copy(int list) {
        return Arrays.copyOf(arrays[listArray[list]], listLength[list]);
    }

    /** Ends adding: trims the arrays and drops the group index. */
    public void trim() {
        groupArray = null;
        listArray = Arrays.copyOf(listArray, lists);
        listLength = Arrays.copyOf(listLength, lists);
        for (int a = 0; a < arrayCount; a++) if (arrays[a].length != arrayLength[a]) arrays[a] = Arrays.copyOf(arrays[a], arrayLength[a]);
        arrays = Arrays.copyOf(arrays, arrayCount);
    }

    /** Roughly the bytes held. */
    public long bytes() {
        long b = 8L * listArray.length;
        for (int a = 0; a < arrayCount; a++) b += 16 + 4L * arrays[a].length;
        return b;
    }
}
