package dev.ariadne.checker.txn;

import dev.ariadne.history.MicroOp;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an rw-register history tells about its versions, as far as it is sound without assumptions
 * (Elle's rw-register inference, Kingsbury and Alvaro 2020). Written values are unique per key, so a
 * read names the write it read from (wr). The version order is known only in part: the initial
 * state (nil) comes before every write, and a transaction that read version v of a key and then wrote
 * w put w after v (ww). A read of v is anti-dependent (rw) on every write known to follow v. Every
 * edge is sound, so every cycle found is a real anomaly; but a history without cycles may still have
 * no serial order, which {@link SerialWitness} then has to show.
 */
final class RwRegisterInference extends WriteIndex {
    final List<Anomaly> anomalies = new ArrayList<>();
    boolean[] committed;
    /** Reads of ok transactions before they wrote the key (the first, and any that differs from it): transaction, key, element read (-1: the initial nil). */
    int reads;
    int[] readTxn = new int[1024];
    int[] readKey = new int[1024];
    int[] readElem = new int[1024];
    /** Known version order facts pred &lt; succ (pred -1: the initial state), from read-then-write transactions. */
    int facts;
    int[] factPred = new int[256];
    int[] factSucc = new int[256];
    /** How many of the facts come from read-then-write transactions (the rest are --assume facts). */
    int readWriteFacts;
    /** The key order assumed (--assume), whose facts follow the read-then-write ones. */
    KeyOrder keyOrder = KeyOrder.NONE;

    RwRegisterInference(TxnHistory th) {
        super(th);
        unsupported = collectElements("w", "rw-register micro-ops are w and r", "written");
        if (unsupported != null) return;
        collectReads();
        readWriteFacts = facts;
        committed = new boolean[n];
        for (int t = 0; t < n; t++) committed[t] = th.ok(t);
        for (int r = 0; r < reads; r++) if (readElem[r] >= 0 && th.info(elemWriter[readElem[r]])) committed[elemWriter[readElem[r]]] = true;
    }

    private void collectReads() {
        Map<Integer, Integer> state = new HashMap<>(); // key -> element the txn last saw or wrote (-1 initial)
        Map<Integer, Integer> externalRead = new HashMap<>();
        Map<Integer, Integer> lastWrite = new HashMap<>();
        Map<Long, Integer> sameVersion = new HashMap<>(); // (key, version read) -> the first transaction that read it and wrote the key
        for (int t = 0; t < n; t++) {
            if (!th.ok(t)) continue;
            state.clear();
            externalRead.clear();
            lastWrite.clear();
            for (MicroOp m : th.mops.get(t)) {
                int k = key(m.key());
                if (!m.isRead()) {
                    int e = element(k, m.value(), -1);
                    state.put(k, e);
                    lastWrite.put(k, e);
                    continue;
                }
                int e = -1;
                if (!m.value().isNull()) {
                    e = element(k, m.value(), -1);
                    if (e < 0) {
                        anomalies.add(Anomaly.of(AnomalyKind.Type.GARBAGE_READ, th.name(t) + " read key " + Values.show(m.key()) + " = " + Values.show(m.value())
                                + ", but no transaction wrote that value to that key.", t));
                        state.put(k, -2);
                        continue;
                    }
                }
                Integer before = state.get(k);
                if (before == null) {
                    addRead(t, k, e);
                    externalRead.put(k, e);
                    check(t, k, e);
                } else if (before != -2 && before != e) {
                    anomalies.add(Anomaly.of(AnomalyKind.Type.INTERNAL, th.name(t) + " read key " + Values.show(m.key()) + " = " + Values.show(m.value())
                            + ", but its own earlier micro-ops on that key mean it must read " + (before < 0 ? "nil" : Values.show(elemValue[before])) + ".", t));
                    // A non-repeatable read is still a read of some version: G1a, G1b and future reads apply to
                    // it, and (before the transaction wrote the key) its wr and rw edges.
                    check(t, k, e);
                    if (!lastWrite.containsKey(k)) addRead(t, k, e);
                }
                state.put(k, e);
            }
            for (Map.Entry<Integer, Integer> w : lastWrite.entrySet()) {
                Integer r = externalRead.get(w.getKey());
                if (r == null) continue;
                addFact(r, w.getValue());
                // Lost update (Adya's G-cursor): two committed transactions read one version and both wrote the key.
                Integer other = sameVersion.putIfAbsent(((long) w.getKey() << 32) | (r + 1), t);
                if (other != null && other != t) {
                    String v = r < 0 ? "nil (its initial state)" : Values.show(elemValue[r]);
                    anomalies.add(Anomaly.of(AnomalyKind.Type.LOST_UPDATE, th.name(other) + " and " + th.name(t) + " both read key " + Values.show(keys.get(w.getKey()))
                            + " = " + v + " and both wrote it: whichever write comes first, the other went on top of a version its transaction never read.", other, t));
                }
            }
        }
    }

    private void check(int t, int k, int e) {
        if (e < 0) return;
        int w = elemWriter[e];
        String read = th.name(t) + " read key " + Values.show(keys.get(k)) + " = " + Values.show(elemValue[e]);
        if (w == t) {
            anomalies.add(Anomaly.of(AnomalyKind.Type.FUTURE_READ, read + " before writing it itself.", t));
        } else if (th.failed(w)) {
            anomalies.add(Anomaly.of(AnomalyKind.Type.G1A, read + ", written by " + th.name(w) + ", which failed (aborted).", w, t));
        } else if (!elemLast[e]) {
            anomalies.add(Anomaly.of(AnomalyKind.Type.G1B, read + ", an intermediate version: " + th.name(w) + " wrote that key again later in the same transaction.", w, t));
        }
    }

    private void addRead(int t, int k, int e) {
        if (reads == readTxn.length) {
            readTxn = Arrays.copyOf(readTxn, reads * 2);
            readKey = Arrays.copyOf(readKey, reads * 2);
            readElem = Arrays.copyOf(readElem, reads * 2);
        }
        readTxn[reads] = t;
        readKey[reads] = k;
        readElem[reads] = e;
        reads++;
    }

    private void addFact(int pred, int succ) {
        if (facts == factPred.length) {
            factPred = Arrays.copyOf(factPred, facts * 2);
            factSucc = Arrays.copyOf(factSucc, facts * 2);
        }
        factPred[facts] = pred;
        factSucc[facts] = succ;
        facts++;
    }

    /**
     * Adds the version-order facts the user asserts: under sequential keys, a process's writes to a
     * key in its order; under linearizable keys, also a write that completed before another began.
     */
    void assume(KeyOrder order) {
        keyOrder = order;
        if (order == KeyOrder.NONE) return;
        List<List<Integer>> versions = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) versions.add(new ArrayList<>());
        for (int e = 0; e < elements; e++) if (version(e)) versions.get(elemKey[e]).add(e); // writer order: invocation order
        long budget = 20_000_000L;
        for (List<Integer> vs : versions) {
            for (int i = 0; i < vs.size(); i++) {
                int e2 = vs.get(i);
                var w2 = th.op(elemWriter[e2]);
                for (int j = i - 1; j >= 0; j--) {
                    int e1 = vs.get(j);
                    var w1 = th.op(elemWriter[e1]);
                    if (w1.process() == w2.process()) {
                        addFact(e1, e2);
                        break; // the nearest earlier write of the process suffices: the facts chain
                    }
                }
                if (order != KeyOrder.LINEARIZABLE) continue;
                for (int j = 0; j < i && budget-- > 0; j++) {
                    int e1 = vs.get(j);
                    if (th.returnPosition(elemWriter[e1]) < w2.invokePosition()) addFact(e1, e2);
                }
            }
        }
    }

    /** Whether element e is a committed version: the final write of a committed transaction. */
    boolean version(int e) {
        return elemLast[e] && committed[elemWriter[e]];
    }

    DependencyGraph graph() {
        DependencyGraph.Builder b = DependencyGraph.builder(n);
        // Known successors of each element, and every key's committed versions (for reads of the initial state).
        int[] succStart = new int[elements + 1];
        for (int f = 0; f < facts; f++) if (factPred[f] >= 0) succStart[factPred[f] + 1]++;
        for (int i = 0; i < elements; i++) succStart[i + 1] += succStart[i];
        int[] succ = new int[succStart[elements]];
        int[] fill = Arrays.copyOf(succStart, elements);
        for (int f = 0; f < facts; f++) if (factPred[f] >= 0) succ[fill[factPred[f]]++] = factSucc[f];
        List<List<Integer>> versions = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) versions.add(new ArrayList<>());
        for (int e = 0; e < elements; e++) if (version(e)) versions.get(elemKey[e]).add(e);

        for (int f = 0; f < facts; f++) {
            if (factPred[f] >= 0 && version(factPred[f]) && version(factSucc[f])) b.add(elemWriter[factPred[f]], elemWriter[factSucc[f]], DependencyGraph.WW);
        }
        for (int r = 0; r < reads; r++) {
            int t = readTxn[r];
            int e = readElem[r];
            if (e >= 0) {
                if (version(e)) b.add(elemWriter[e], t, DependencyGraph.WR);
                for (int i = succStart[e]; i < succStart[e + 1]; i++) if (version(succ[i])) b.add(t, elemWriter[succ[i]], DependencyGraph.RW);
            } else {
                for (int v : versions.get(readKey[r])) b.add(t, elemWriter[v], DependencyGraph.RW);
            }
        }
        orderEdges(b, committed);
        return b.build();
    }
}
