package dev.ariadne.checker.certify;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Each key's version order as an arbitration order makes it: the key's writers in that order, each
 * with its block (its writes of the key, in the order it made them). For list-append a version is
 * the concatenation of the first j blocks; for a register, the last write of the j-th block.
 */
final class Versions {
    /** Per key: its writers (transaction ids) in arbitration order, and their positions in it. */
    final int[][] writers;
    final int[][] writerPos;
    final int[] count;
    /** Per key (list-append): all blocks concatenated, and where each block ends. */
    final JsonNode[][] elems;
    final int[][] ends;
    /** Per key (register): each block's last write. */
    final JsonNode[][] last;
    /** Per key: every value written to it by any transaction, committed or not, to its writer (built on first use). */
    private Map<Long, Map<JsonNode, Integer>> anyWriter;
    private final Transactions tx;
    private final int[] pos;

    Versions(Transactions tx, int[] order, int[] pos) {
        this.tx = tx;
        this.pos = pos;
        int k = tx.keys;
        writers = new int[k][];
        writerPos = new int[k][];
        count = new int[k];
        elems = new JsonNode[k][];
        ends = new int[k][];
        last = new JsonNode[k][];
        int[] elemCount = new int[k];
        for (int x = 0; x < k; x++) {
            writers[x] = new int[2];
            writerPos[x] = new int[2];
            ends[x] = new int[2];
            last[x] = new JsonNode[2];
            elems[x] = new JsonNode[4];
        }
        for (int p = 0; p < order.length; p++) {
            int t = order[p];
            for (int m = tx.start[t]; m < tx.start[t + 1]; m++) {
                if (tx.isRead[m]) continue;
                int x = tx.key[m];
                int c = count[x];
                if (c == 0 || writers[x][c - 1] != t) {
                    writers[x] = Transactions.grow(writers[x], c);
                    writerPos[x] = Transactions.grow(writerPos[x], c);
                    ends[x] = Transactions.grow(ends[x], c);
                    if (c == last[x].length) last[x] = Arrays.copyOf(last[x], c * 2);
                    writers[x][c] = t;
                    writerPos[x][c] = p;
                    count[x] = ++c;
                }
                if (elemCount[x] == elems[x].length) elems[x] = Arrays.copyOf(elems[x], elemCount[x] * 2);
                elems[x][elemCount[x]++] = tx.written(m);
                ends[x][c - 1] = elemCount[x];
                last[x][c - 1] = tx.written(m);
            }
        }
    }

    private Map<JsonNode, Integer> writersOf(int x) {
        if (anyWriter == null) {
            anyWriter = new HashMap<>();
            for (int t = 0; t < tx.n; t++) {
                for (int m = tx.start[t]; m < tx.start[t + 1]; m++) {
                    if (!tx.isRead[m]) anyWriter.computeIfAbsent((long) tx.key[m], q -> new HashMap<>()).putIfAbsent(tx.written(m), t);
                }
            }
        }
        return anyWriter.get((long) x);
    }

    /** The transaction's index among the key's writers, or -1 (a binary search by its arbitration position). */
    int indexOf(int t, int x) {
        if (pos[t] < 0) return -1;
        int i = before(x, pos[t]);
        return i < count[x] && writers[x][i] == t ? i : -1;
    }

    /** How many of the key's writers come before arbitration position {@code p}. */
    int before(int x, int p) {
        int lo = 0;
        int hi = count[x];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (writerPos[x][mid] < p) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Elements in the first j blocks of a list key. */
    int length(int x, int j) {
        return j == 0 ? 0 : ends[x][j - 1];
    }

    /** The j such that the list read is the concatenation of the first j blocks, or -1. */
    int listVersion(int x, JsonNode[] got) {
        int j;
        if (got.length == 0) {
            j = 0;
        } else {
            int lo = 0;
            int hi = count[x] - 1;
            j = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (ends[x][mid] < got.length) lo = mid + 1;
                else if (ends[x][mid] > got.length) hi = mid - 1;
                else {
                    j = mid + 1;
                    break;
                }
            }
            if (j < 0) return -1;
        }
        for (int i = 0; i < got.length; i++) if (!got[i].equals(elems[x][i])) return -1;
        return j;
    }

    /** The j such that a register read returns the j-th block's last write (0 for nil), or -1. */
    int registerVersion(int x, JsonNode got) {
        if (Transactions.isNil(got)) return 0;
        Map<JsonNode, Integer> w = writersOf(x);
        Integer t = w == null ? null : w.get(got);
        if (t == null) return -1;
        int i = indexOf(t, x);
        return i >= 0 && got.equals(last[x][i]) ? i + 1 : -1;
    }

    /** The writer (any outcome) of a value on a key, or -1. */
    int anyWriterOf(int x, JsonNode v) {
        Map<JsonNode, Integer> w = writersOf(x);
        Integer t = w == null ? null : w.get(v);
        return t == null ? -1 : t;
    }
}
