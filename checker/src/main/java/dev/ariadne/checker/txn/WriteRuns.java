package dev.ariadne.checker.txn;

import java.util.Arrays;

/**
 * The runs of an rw-register history's committed versions: a transaction that read version v of a
 * key and then wrote it put its version right after v under every model {@link VersionOrderSearch}
 * decides (a write between them would be a lost update, which they all forbid), so the versions of
 * each key fall into runs linked by such reads, and only the order of whole runs is left open. A run
 * whose first writer read the initial state comes first. Also the readers of each version.
 */
final class WriteRuns {
    /** Each run's first and last writer, its last version (element), its key, and whether it comes first. */
    final int[] head;
    final int[] tail;
    final int[] tailElem;
    final int[] key;
    final boolean[] first;
    /** The committed readers of each element, in compressed rows. */
    int[] readersStart;
    int[] readers;

    private WriteRuns(int count) {
        head = new int[count];
        tail = new int[count];
        tailElem = new int[count];
        key = new int[count];
        first = new boolean[count];
    }

    /**
     * The runs (single versions unless {@code whole}: a model that allows lost updates keeps no run
     * whole, and the read-then-write facts are then only known edges), or null when no order keeps them whole: a version read and overwritten by two
     * transactions, two runs that both start at the initial state, or a transaction that read two
     * versions of a key before writing it.
     */
    static WriteRuns of(RwRegisterInference inf, boolean whole) {
        int m = inf.elements;
        int[] next = new int[m];
        int[] prev = new int[m];
        Arrays.fill(next, -1);
        Arrays.fill(prev, -1);
        boolean[] afterInitial = new boolean[m];
        int[] initialChain = new int[inf.keys.size()];
        Arrays.fill(initialChain, -1);
        for (int f = 0; f < (whole ? inf.readWriteFacts : 0); f++) {
            int p = inf.factPred[f];
            int s = inf.factSucc[f];
            if (!inf.version(s) || (p >= 0 && !inf.version(p))) continue;
            if (p < 0) {
                if (initialChain[inf.elemKey[s]] >= 0 && initialChain[inf.elemKey[s]] != s) return null;
                initialChain[inf.elemKey[s]] = s;
                afterInitial[s] = true;
            } else {
                if (next[p] >= 0 && next[p] != s) return null;
                if (prev[s] >= 0 && prev[s] != p) return null;
                next[p] = s;
                prev[s] = p;
            }
        }
        // A transaction that read two versions of a key before writing it puts its write right after
        // both, which no order can (Adya's G-cursor, or G1c): no order keeps the runs whole.
        java.util.Map<Long, Integer> readThenWrote = new java.util.HashMap<>();
        for (int f = 0; f < inf.readWriteFacts; f++) {
            int s = inf.factSucc[f];
            readThenWrote.put(((long) inf.elemWriter[s] << 32) | inf.elemKey[s], inf.factPred[f]);
        }
        for (int r = 0; r < (whole ? inf.reads : 0); r++) {
            Integer p = readThenWrote.get(((long) inf.readTxn[r] << 32) | inf.readKey[r]);
            if (p != null && p != inf.readElem[r]) return null;
        }
        int count = 0;
        for (int e = 0; e < m; e++) if (inf.version(e) && prev[e] < 0) count++;
        WriteRuns runs = new WriteRuns(count);
        int c = 0;
        for (int e = 0; e < m; e++) {
            if (!inf.version(e) || prev[e] >= 0) continue;
            int t = e;
            int steps = 0;
            while (next[t] >= 0 && steps++ < m) t = next[t];
            runs.head[c] = inf.elemWriter[e];
            runs.tail[c] = inf.elemWriter[t];
            runs.tailElem[c] = t;
            runs.first[c] = afterInitial[e];
            runs.key[c] = inf.elemKey[e];
            c++;
        }
        int[] start = new int[m + 1];
        for (int r = 0; r < inf.reads; r++) if (inf.readElem[r] >= 0 && inf.committed[inf.readTxn[r]]) start[inf.readElem[r] + 1]++;
        for (int i = 0; i < m; i++) start[i + 1] += start[i];
        runs.readers = new int[start[m]];
        int[] fill = Arrays.copyOf(start, m);
        for (int r = 0; r < inf.reads; r++) if (inf.readElem[r] >= 0 && inf.committed[inf.readTxn[r]]) runs.readers[fill[inf.readElem[r]]++] = inf.readTxn[r];
        runs.readersStart = start;
        return runs;
    }
}
