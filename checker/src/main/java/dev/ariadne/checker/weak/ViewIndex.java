package dev.ariadne.checker.weak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.weak.ReadWriteHistory.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A differentiated read/write history laid out for the per-process views, once for all of them:
 * each process's operations, writes and reads in program order as arrays of node numbers, each
 * read's write, and for each key the processes that wrote it with the positions of those writes.
 * Nodes are {@link ReadWriteHistory#nodes}: failed writes are gone, crashed writes stay only when
 * some read returned their value, and reads of unknown result are gone.
 */
final class ViewIndex {
    /** A read's source when it returned the initial value. */
    static final int INITIAL = ReadWriteHistory.INITIAL;
    /** A read's source when no surviving write wrote its value. */
    static final int THIN_AIR = ReadWriteHistory.THIN_AIR;

    final ReadWriteHistory rw;
    final int n;
    final int processes;
    final int[] proc;
    final int[] key;
    final boolean[] write;
    /** Crashed writes (their value was read by someone, so they happened; a view may still leave them out). */
    final boolean[] crashed;
    /** The write each read returned, {@link #INITIAL} or {@link #THIN_AIR}; -3 for writes. */
    final int[] src;
    /** Per process: all its nodes, its writes, its reads, each in program order. */
    final int[][] all;
    final int[][] writes;
    final int[][] reads;
    /** Each node's position in its process's {@link #all}, and in {@link #writes} or {@link #reads}. */
    final int[] posAll;
    final int[] posOwn;
    /** Per process: how many of its writes are among its first i nodes. */
    private final int[][] writesBefore;
    /** Per key: the processes that wrote it, and for each, the positions of those writes in its writes and in all its nodes. */
    final int[][] keyProcs;
    final int[][][] keyPosW;
    final int[][][] keyPosA;

    ViewIndex(ReadWriteHistory rw, int processes) {
        this.rw = rw;
        List<Node> nodes = rw.nodes;
        this.n = nodes.size();
        this.processes = processes;
        proc = new int[n];
        key = new int[n];
        write = new boolean[n];
        crashed = new boolean[n];
        src = new int[n];
        posAll = new int[n];
        posOwn = new int[n];
        Map<JsonNode, Integer> keys = new HashMap<>();
        int[] countAll = new int[processes];
        int[] countW = new int[processes];
        int[] countR = new int[processes];
        for (int i = 0; i < n; i++) {
            Node x = nodes.get(i);
            int p = x.op().process();
            proc[i] = p;
            key[i] = keys.computeIfAbsent(x.key(), k -> keys.size());
            write[i] = x.write();
            crashed[i] = x.write() && !x.op().isOk();
            posAll[i] = countAll[p]++;
            posOwn[i] = x.write() ? countW[p]++ : countR[p]++;
            src[i] = rw.src[i];
        }
        all = new int[processes][];
        writes = new int[processes][];
        reads = new int[processes][];
        for (int p = 0; p < processes; p++) {
            all[p] = new int[countAll[p]];
            writes[p] = new int[countW[p]];
            reads[p] = new int[countR[p]];
        }
        for (int i = 0; i < n; i++) {
            all[proc[i]][posAll[i]] = i;
            (write[i] ? writes : reads)[proc[i]][posOwn[i]] = i;
        }
        writesBefore = new int[processes][];
        for (int q = 0; q < processes; q++) {
            writesBefore[q] = new int[all[q].length + 1];
            for (int i = 0; i < all[q].length; i++) writesBefore[q][i + 1] = writesBefore[q][i] + (write[all[q][i]] ? 1 : 0);
        }
        // Per key and writing process, the write positions: the writes sorted by (key, process, node).
        int keyCount = keys.size();
        int writeCount = 0;
        for (int i = 0; i < n; i++) if (write[i]) writeCount++;
        long[] order = new long[writeCount];
        int w = 0;
        for (int i = 0; i < n; i++) if (write[i]) order[w++] = ((long) key[i] * processes + proc[i]) * n + i;
        Arrays.sort(order);
        int[] procsPerKey = new int[keyCount];
        for (int j = 0; j < writeCount; j++) {
            if (j == 0 || order[j] / n != order[j - 1] / n) procsPerKey[(int) (order[j] / n / processes)]++;
        }
        keyProcs = new int[keyCount][];
        keyPosW = new int[keyCount][][];
        keyPosA = new int[keyCount][][];
        for (int k = 0; k < keyCount; k++) {
            keyProcs[k] = new int[procsPerKey[k]];
            keyPosW[k] = new int[procsPerKey[k]][];
            keyPosA[k] = new int[procsPerKey[k]][];
        }
        int[] filled = new int[keyCount];
        for (int j = 0; j < writeCount; ) {
            long group = order[j] / n;
            int end = j;
            while (end < writeCount && order[end] / n == group) end++;
            int k = (int) (group / processes);
            int slot = filled[k]++;
            keyProcs[k][slot] = (int) (group % processes);
            int[] pw = new int[end - j];
            int[] pa = new int[end - j];
            for (int t = j; t < end; t++) {
                int node = (int) (order[t] % n);
                pw[t - j] = posOwn[node];
                pa[t - j] = posAll[node];
            }
            keyPosW[k][slot] = pw;
            keyPosA[k][slot] = pa;
            j = end;
        }
        // The same grouping seen from each process: its keys in ascending order (the sort above is by key first).
        int[] keysOf = new int[processes];
        for (int k = 0; k < keyCount; k++) for (int q : keyProcs[k]) keysOf[q]++;
        procKeys = new int[processes][];
        procKeyIndex = new int[processes][];
        for (int q = 0; q < processes; q++) {
            procKeys[q] = new int[keysOf[q]];
            procKeyIndex[q] = new int[keysOf[q]];
        }
        int[] at = new int[processes];
        for (int k = 0; k < keyCount; k++) {
            for (int i = 0; i < keyProcs[k].length; i++) {
                int q = keyProcs[k][i];
                procKeys[q][at[q]] = k;
                procKeyIndex[q][at[q]++] = i;
            }
        }
    }

    /** The index of the last of the ascending {@code positions} below {@code limit}, or -1. */
    static int lastBelow(int[] positions, int limit) {
        int lo = 0;
        int hi = positions.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (positions[mid] < limit) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Per process: the keys it wrote, ascending, and for each its index in that key's {@link #keyProcs}. */
    private int[][] procKeys;
    private int[][] procKeyIndex;

    /** The index of process q in {@code keyProcs[x]}, or -1 when q never wrote key x. */
    int keyIndex(int q, int x) {
        int[] ks = procKeys[q];
        int j = Arrays.binarySearch(ks, x);
        return j < 0 ? -1 : procKeyIndex[q][j];
    }

    /** How many of process q's writes are among its first {@code ops} nodes. */
    int writesBefore(int q, int ops) {
        return writesBefore[q][ops];
    }

    /**
     * Closes a set of nodes that breaks the view of {@code viewer} into a witness that still breaks
     * it on its own: every read brings the write it read, and every crashed write a read of the
     * viewer's that returned its value (else the view could leave it out). Sorted node numbers.
     */
    int[] witness(int viewer, java.util.Set<Integer> nodes) {
        java.util.Set<Integer> w = new java.util.TreeSet<>(nodes);
        for (Integer x : new ArrayList<>(w)) if (!write[x] && src[x] >= 0) w.add(src[x]);
        for (Integer x : new ArrayList<>(w)) {
            if (!crashed[x]) continue;
            for (int r : reads[viewer]) {
                if (src[r] == x) {
                    w.add(r);
                    break;
                }
            }
        }
        return w.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether a node counts in the view of {@code viewer}: a crashed write only when the viewer read it. */
    boolean present(int node, boolean[] readByViewer) {
        return !crashed[node] || readByViewer[node];
    }

    /** The writes the viewer's reads returned, as a flag per node. */
    boolean[] readBy(int viewer) {
        boolean[] b = new boolean[n];
        for (int r : reads[viewer]) if (src[r] >= 0) b[src[r]] = true;
        return b;
    }
}
