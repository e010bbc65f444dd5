package dev.ariadne.checker.txn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.MicroOp;
import dev.ariadne.history.PrefixLists;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a list-append history tells about its versions, as in Elle (Kingsbury and Alvaro, "Elle:
 * inferring isolation anomalies from experimental observations", VLDB 2020): every appended value is
 * unique per key, so a read of {@code [1 2 3]} names the writers of its versions and their order (the
 * reads are "traceable"), and the longest read of a key gives its version order. From that, the
 * anomalies that are not cycles (garbage reads, duplicate elements, incompatible orders, G1a, G1b,
 * dirty updates, internal and future reads, lost updates) and the ww, wr and rw dependencies; plus
 * process and real-time order.
 * <p>
 * A committed append that no read shows must follow every element that is read, so it gets a ww edge
 * from the last one's writer and rw edges from the readers of the whole version. An {@code info}
 * transaction counts as committed when some read shows one of its appends, and is left out otherwise
 * (that it never committed explains everything it could have done).
 */
final class ListAppendInference extends WriteIndex {
    /** External reads (a transaction's first access of a key is a read) of ok transactions. */
    int reads;
    int[] readTxn = new int[1024];
    int[] readKey = new int[1024];
    /** Per read: its list of element ids in {@link #readLists}, or -1 when it holds garbage or duplicates. */
    private int[] readList = new int[1024];
    /** The reads' lists, each a prefix of its key's shared array (a key's list is held once, not once per read). */
    private final PrefixLists readLists = new PrefixLists();
    /**
     * How much of the read's list came from other transactions: all of it for an external read; for a
     * read after the transaction's own blind appends, the part before them.
     */
    int[] readObserved = new int[1024];
    /** Whether the transaction appended to the key after this read, with no append of its own to the key before it. */
    boolean[] readThenAppend = new boolean[1024];
    /** With {@link #readThenAppend}: the transaction's first append to the key after the read (an element id). */
    int[] readAppend = new int[1024];
    /** Whether the read is a prefix of its key's version order (false for garbage, duplicates, incompatible). */
    boolean[] readUsable = new boolean[1024];

    /** Per key: the version order (element ids), from its longest read. */
    int[][] order;
    /** Per element: its position in its key's version order, or -1 when no read shows it. */
    int[] pos;
    /** Per key: the committed appends no read shows. */
    int[][] unobserved;
    /** Per operation: committed (ok, or info with an append some read shows). */
    boolean[] committed;
    /** Anomalies found that are not cycles. */
    final List<Anomaly> anomalies = new ArrayList<>();

    ListAppendInference(TxnHistory th) {
        super(th);
        unsupported = collectElements("append", "list-append micro-ops are append and r", "appended");
        if (unsupported != null) return;
        collectReads();
        committed = new boolean[n];
        for (int t = 0; t < n; t++) committed[t] = th.ok(t);
        for (int r = 0; r < reads; r++) {
            for (int i = 0, len = readLength(r); i < len; i++) {
                int e = readElem(r, i);
                if (e >= 0 && th.history.outcome(elemWriter[e]) == dev.ariadne.history.OpType.INFO) committed[elemWriter[e]] = true;
            }
        }
        readLists.trim();
        versionOrders();
        ReadAnomalies.find(this);
    }

    /**
     * Per transaction, in the order of its micro-ops: what it knows of each key it touched (the list
     * it last read plus its appends since, or just its own appends when it has not read the key yet).
     * Transactions are small, so the keys are kept in short arrays searched linearly.
     */
    private void collectReads() {
        int cap = 8;
        int[] slotKey = new int[cap];
        int[][] known = new int[cap][];
        int[] knownLen = new int[cap];
        boolean[] hasKnown = new boolean[cap];
        int[][] suffix = new int[cap][];
        int[] suffixLen = new int[cap];
        int[] extRead = new int[cap];
        int[][] ownElems = new int[cap][];
        int[] ownLen = new int[cap];
        int[][] pending = new int[cap][];
        int[] pendingLen = new int[cap];
        for (int t = 0; t < n; t++) {
            if (!th.ok(t)) continue;
            int slots = 0;
            for (MicroOp m : th.mops.get(t)) {
                int k = key(m.key());
                int s = 0;
                while (s < slots && slotKey[s] != k) s++;
                if (s == slots) {
                    if (slots == cap) {
                        cap *= 2;
                        slotKey = Arrays.copyOf(slotKey, cap);
                        known = Arrays.copyOf(known, cap);
                        knownLen = Arrays.copyOf(knownLen, cap);
                        hasKnown = Arrays.copyOf(hasKnown, cap);
                        suffix = Arrays.copyOf(suffix, cap);
                        suffixLen = Arrays.copyOf(suffixLen, cap);
                        extRead = Arrays.copyOf(extRead, cap);
                        ownElems = Arrays.copyOf(ownElems, cap);
                        ownLen = Arrays.copyOf(ownLen, cap);
                        pending = Arrays.copyOf(pending, cap);
                        pendingLen = Arrays.copyOf(pendingLen, cap);
                    }
                    slotKey[s] = k;
                    hasKnown[s] = false;
                    knownLen[s] = 0;
                    suffixLen[s] = 0;
                    extRead[s] = -1;
                    ownLen[s] = 0;
                    pendingLen[s] = 0;
                    slots++;
                }
                if (!m.isRead()) {
                    int e = element(k, m.value(), -1);
                    ownElems[s] = push(ownElems[s], ownLen[s]++, e);
                    // Each read of the key before the transaction's first append to it: the append must follow its version.
                    for (int i = 0; i < pendingLen[s]; i++) {
                        readThenAppend[pending[s][i]] = true;
                        readAppend[pending[s][i]] = e;
                    }
                    pendingLen[s] = 0;
                    if (hasKnown[s]) {
                        known[s] = push(known[s], knownLen[s]++, e);
                    } else {
                        suffix[s] = push(suffix[s], suffixLen[s]++, e);
                    }
                    continue;
                }
                int[] elems = resolve(t, k, m);
                boolean external = !hasKnown[s] && suffixLen[s] == 0 && extRead[s] < 0;
                if (external || (ownLen[s] == 0 && elems != null)) pending[s] = push(pending[s], pendingLen[s]++, reads);
                if (external) {
                    extRead[s] = reads;
                    addRead(t, k, elems, elems == null ? 0 : elems.length);
                } else if (elems != null) {
                    internal(t, k, m, elems, hasKnown[s] ? known[s] : null, knownLen[s], suffix[s], suffixLen[s]);
                    // A later read of the key is a read too: each read shows a version, its own appends (if it
                    // made any) right after the version they went on top of; a non-repeatable read is still a
                    // read of some version, so G1a, G1b, G1c and incompatible orders apply to it.
                    if (endsWith(elems, ownElems[s], ownLen[s])) {
                        addRead(t, k, elems, elems.length - ownLen[s]);
                    } else {
                        anomalies.add(Anomaly.of(AnomalyKind.Type.MISSED_OWN_WRITE, th.name(t) + " read key " + Values.show(m.key()) + " as " + Values.show(m.value())
                                + " after appending " + showElems(Arrays.copyOf(ownElems[s], ownLen[s])) + " to it: no version of the key is what it read, since a"
                                + " transaction's reads show its own writes.", t));
                    }
                }
                hasKnown[s] = true;
                known[s] = elems == null ? new int[0] : elems.clone();
                knownLen[s] = known[s].length;
                suffixLen[s] = 0;
            }
        }
    }

    private static boolean endsWith(int[] elems, int[] own, int ownLen) {
        if (elems.length < ownLen) return false;
        for (int i = 0; i < ownLen; i++) if (elems[elems.length - ownLen + i] != own[i]) return false;
        return true;
    }

    private static int[] push(int[] a, int len, int v) {
        if (a == null) a = new int[4];
        else if (len == a.length) a = Arrays.copyOf(a, Math.max(4, len * 2));
        a[len] = v;
        return a;
    }

    private int[] dupMark = new int[0];
    private int dupStamp;

    /** The element ids of a read's list; null (and an anomaly) when it holds garbage or duplicates. */
    private int[] resolve(int t, int k, MicroOp m) {
        JsonNode v = m.value();
        if (v == null || v.isNull()) return new int[0];
        if (!v.isArray()) {
            throw new dev.ariadne.checker.datatype.DatatypeMismatch(th.op(t), "a list-append read returns a list, not " + Values.show(v));
        }
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            int e = element(k, v.get(i), -1);
            if (e < 0) {
                anomalies.add(Anomaly.of(AnomalyKind.Type.GARBAGE_READ, th.name(t) + " read key " + Values.show(m.key()) + " as " + Values.show(v) + ", but no transaction appended "
                        + Values.show(v.get(i)) + " to that key.", t));
                return null;
            }
            out[i] = e;
        }
        if (dupMark.length < elements) dupMark = new int[Math.max(elements, dupMark.length * 2)];
        dupStamp++;
        for (int e : out) {
            if (dupMark[e] == dupStamp) {
                anomalies.add(Anomaly.of(AnomalyKind.Type.DUPLICATE_ELEMENTS, th.name(t) + " read key " + Values.show(m.key()) + " as " + Values.show(v) + ", which holds "
                        + Values.show(elemValue[e]) + " more than once, though it was appended once (by " + th.name(elemWriter[e]) + ").", t));
                return null;
            }
            dupMark[e] = dupStamp;
        }
        return out;
    }

    /** Checks a read against the transaction's own earlier micro-ops on its key; false (and an anomaly) if it contradicts them. */
    private boolean internal(int t, int k, MicroOp m, int[] elems, int[] known, int knownLen, int[] suffix, int suffixLen) {
        boolean consistent;
        if (known != null) {
            consistent = elems.length == knownLen;
            for (int i = 0; consistent && i < elems.length; i++) consistent = elems[i] == known[i];
        } else {
            consistent = elems.length >= suffixLen;
            for (int i = 0; consistent && i < suffixLen; i++) consistent = elems[elems.length - suffixLen + i] == suffix[i];
        }
        if (!consistent) {
            String expected = known != null ? "exactly " + showElems(Arrays.copyOf(known, knownLen)) : "a list ending in its own appends " + showElems(Arrays.copyOf(suffix, suffixLen));
            anomalies.add(Anomaly.of(AnomalyKind.Type.INTERNAL, th.name(t) + " read key " + Values.show(m.key()) + " as " + Values.show(m.value())
                    + ", but its own earlier micro-ops on that key mean it must read " + expected + ".", t));
        }
        return consistent;
    }

    private void addRead(int t, int k, int[] elems, int observed) {
        if (reads == readTxn.length) {
            int c = reads * 2;
            readObserved = Arrays.copyOf(readObserved, c);
            readTxn = Arrays.copyOf(readTxn, c);
            readKey = Arrays.copyOf(readKey, c);
            readList = Arrays.copyOf(readList, c);
            readUsable = Arrays.copyOf(readUsable, c);
            readThenAppend = Arrays.copyOf(readThenAppend, c);
            readAppend = Arrays.copyOf(readAppend, c);
        }
        readTxn[reads] = t;
        readKey[reads] = k;
        readList[reads] = elems == null ? -1 : readLists.add(k, elems, elems.length);
        readUsable[reads] = elems != null;
        readObserved[reads] = observed;
        reads++;
        if (elems == null || observed < elems.length) return;
        for (int e : elems) {
            if (elemWriter[e] == t) {
                anomalies.add(Anomaly.of(AnomalyKind.Type.FUTURE_READ, th.name(t) + " read key " + Values.show(keys.get(k)) + " before appending to it, yet its read shows its own append of "
                        + Values.show(elemValue[e]) + ".", t));
                return;
            }
        }
    }

    private void versionOrders() {
        int kc = keys.size();
        int[] longest = new int[kc];
        Arrays.fill(longest, -1);
        for (int r = 0; r < reads; r++) {
            if (!readUsable[r]) continue;
            int k = readKey[r];
            if (longest[k] < 0 || readLength(r) > readLength(longest[k])) longest[k] = r;
        }
        order = new int[kc][];
        pos = new int[elements];
        Arrays.fill(pos, -1);
        boolean[] reported = new boolean[kc];
        for (int k = 0; k < kc; k++) order[k] = longest[k] < 0 ? new int[0] : readElems(longest[k]);
        for (int k = 0; k < kc; k++) for (int i = 0; i < order[k].length; i++) pos[order[k][i]] = i;
        for (int r = 0; r < reads; r++) {
            if (!readUsable[r]) continue;
            int k = readKey[r];
            int[] o = order[k];
            for (int i = 0, len = readLength(r); i < len; i++) {
                if (readElem(r, i) != o[i]) {
                    readUsable[r] = false;
                    if (!reported[k]) {
                        reported[k] = true;
                        anomalies.add(Anomaly.of(AnomalyKind.Type.INCOMPATIBLE_ORDER, th.name(readTxn[r]) + " read key " + Values.show(keys.get(k)) + " as " + showElems(readElems(r)) + " and "
                                + th.name(readTxn[longest[k]]) + " read it as " + showElems(o) + ": neither is a prefix of the other, so they cannot both be versions of one list.",
                                readTxn[r], readTxn[longest[k]]));
                    }
                    break;
                }
            }
        }
        boolean[] reordered = new boolean[kc];
        for (int k = 0; k < kc; k++) {
            int[] o = order[k];
            for (int i = 1; i < o.length; i++) {
                if (elemWriter[o[i]] == elemWriter[o[i - 1]] && o[i] < o[i - 1]) {
                    reordered[k] = true;
                    int w = elemWriter[o[i]];
                    anomalies.add(Anomaly.of(AnomalyKind.Type.INCOMPATIBLE_ORDER, th.name(readTxn[longest[k]]) + " read key " + Values.show(keys.get(k)) + " as " + showElems(o) + ", which puts "
                            + Values.show(elemValue[o[i - 1]]) + " before " + Values.show(elemValue[o[i]]) + ", though " + th.name(w)
                            + " appended them in the other order: no version of the list is like that.", readTxn[longest[k]], w));
                    break;
                }
            }
        }
        // A version holds each writer's appends to a key in the order it made them, as one block: a read
        // that shows one of them shows every earlier one before it (element ids follow each transaction's
        // appends in order, so the writer's previous append to the key is the nearest lower id of the
        // same writer and key).
        for (int k = 0; k < kc; k++) {
            if (reordered[k]) continue;
            int[] o = order[k];
            for (int i = 0; i < o.length; i++) {
                int e = o[i];
                int w = elemWriter[e];
                int prev = e - 1;
                while (prev >= 0 && elemWriter[prev] == w && elemKey[prev] != k) prev--;
                if (prev < 0 || elemWriter[prev] != w || (pos[prev] >= 0 && pos[prev] < i)) continue;
                anomalies.add(Anomaly.of(AnomalyKind.Type.INCOMPATIBLE_ORDER, th.name(readTxn[longest[k]]) + " read key " + Values.show(keys.get(k)) + " as "
                        + showElems(o) + ", which shows " + Values.show(elemValue[e]) + " but not, before it, " + Values.show(elemValue[prev]) + ", which "
                        + th.name(w) + " appended to the key first: no version of the list is like that.", readTxn[longest[k]], w));
                break;
            }
        }
        int[] count = new int[kc];
        for (int e = 0; e < elements; e++) if (pos[e] < 0 && isCommittedWriter(elemWriter[e])) count[elemKey[e]]++;
        unobserved = new int[kc][];
        for (int k = 0; k < kc; k++) unobserved[k] = new int[count[k]];
        Arrays.fill(count, 0);
        for (int e = 0; e < elements; e++) if (pos[e] < 0 && isCommittedWriter(elemWriter[e])) unobserved[elemKey[e]][count[elemKey[e]]++] = e;
    }

    /** Whether read r's list resolved to elements (no garbage, no duplicates). */
    boolean readResolved(int r) {
        return readList[r] >= 0;
    }

    /** How many elements read r shows (0 when it did not resolve). */
    int readLength(int r) {
        return readList[r] < 0 ? 0 : readLists.length(readList[r]);
    }

    /** The i-th element id read r shows. */
    int readElem(int r, int i) {
        return readLists.get(readList[r], i);
    }

    /** Read r's element ids as an array of their own, or null when it did not resolve. */
    int[] readElems(int r) {
        return readList[r] < 0 ? null : readLists.copy(readList[r]);
    }

    boolean isCommittedWriter(int t) {
        return committed[t];
    }

    /** The dependency graph: ww, wr and rw from the version orders, plus process and real-time order. */
    DependencyGraph graph() {
        DependencyGraph.Builder b = DependencyGraph.builder(n);
        for (int k = 0; k < order.length; k++) {
            int prev = -1;
            for (int e : order[k]) {
                int w = elemWriter[e];
                if (!committed[w]) continue;
                if (prev >= 0) b.add(prev, w, DependencyGraph.WW);
                prev = w;
            }
            for (int e : unobserved[k]) if (prev >= 0) b.add(prev, elemWriter[e], DependencyGraph.WW);
        }
        for (int r = 0; r < reads; r++) {
            if (!readUsable[r]) continue;
            int t = readTxn[r];
            int len = readLength(r);
            int[] o = order[readKey[r]];
            int seen = readObserved[r];
            if (seen > 0 && committed[elemWriter[readElem(r, seen - 1)]]) b.add(elemWriter[readElem(r, seen - 1)], t, DependencyGraph.WR);
            if (seen < len) continue; // its own appends follow what it observed
            int next = len;
            while (next < o.length && !committed[elemWriter[o[next]]]) next++;
            if (next < o.length) {
                b.add(t, elemWriter[o[next]], DependencyGraph.RW);
            } else {
                for (int e : unobserved[readKey[r]]) b.add(t, elemWriter[e], DependencyGraph.RW);
            }
        }
        orderEdges(b, committed);
        return b.build();
    }

}
