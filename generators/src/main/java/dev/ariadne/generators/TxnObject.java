package dev.ariadne.generators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A simulated transactional store in Elle's style: each call is a {@code txn} of one to
 * {@code maxMicroOps} micro-ops over a few keys at a time, applied atomically, so a {@link Simulation}
 * of it records a strictly serializable history.
 * <ul>
 *   <li>{@code list-append}: {@code ["append", k, v]} and {@code ["r", k, [v ...]]}; appended values
 *       count up per key, so each is unique.</li>
 *   <li>{@code rw-register}: {@code ["w", k, v]} and {@code ["r", k, v]}; written values count up per
 *       key, so each is unique.</li>
 * </ul>
 * Keys rotate as Jepsen's workloads do: {@code activeKeys} keys are in use at once, and a key that has
 * taken {@code writesPerKey} writes is retired for a fresh one, so lists stay short. With
 * {@code staleRate > 0} the store misbehaves: a read then answers from an older state of its key (a
 * stale snapshot), which shows up as fractured reads, G-single, G2-item and other anomalies.
 */
public final class TxnObject implements SimObject {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final boolean append;
    private final int maxMicroOps;
    private final int activeKeys;
    private final int writesPerKey;
    private final double staleRate;
    private final SplittableRandom faults;
    private final int[] keys;
    private int nextKey;
    private final Map<Integer, List<Integer>> lists = new HashMap<>();
    private final Map<Integer, Integer> writes = new HashMap<>();
    private final Anomaly anomaly;
    private final double anomalyRate;
    /** Per planned transaction (by identity of its value): each key's list length when it was invoked. */
    private final Map<JsonNode, Map<Integer, Integer>> snapshots = new java.util.IdentityHashMap<>();

    /**
     * @param datatype     {@code list-append} or {@code rw-register}
     * @param maxMicroOps  micro-ops per transaction, at most
     * @param activeKeys   keys in use at once
     * @param writesPerKey writes a key takes before it is retired
     * @param staleRate    probability that a read answers from a stale state (0 for a correct store)
     * @param seed         seed of the stale reads
     */
    public TxnObject(String datatype, int maxMicroOps, int activeKeys, int writesPerKey, double staleRate, long seed) {
        this(datatype, maxMicroOps, activeKeys, writesPerKey, staleRate > 0 ? Anomaly.STALE_READ : null, staleRate, seed);
    }

    /**
     * A store that injects {@code anomaly} ({@link Anomaly#STALE_READ}, {@link Anomaly#ABORTED_READ} or
     * {@link Anomaly#STALE_SNAPSHOT}) with probability {@code rate} per read or transaction; null for a correct store.
     */
    public TxnObject(String datatype, int maxMicroOps, int activeKeys, int writesPerKey, Anomaly anomaly, double rate, long seed) {
        if (!datatype.equals("list-append") && !datatype.equals("rw-register")) throw new IllegalArgumentException("no transactional object for " + datatype);
        if (anomaly != null && !anomaly.datatypes().contains(datatype)) throw new IllegalArgumentException(anomaly.cliName() + " cannot be injected into " + datatype);
        this.anomaly = anomaly;
        this.anomalyRate = rate;
        double staleRate = anomaly == Anomaly.STALE_READ ? rate : 0;
        this.append = datatype.equals("list-append");
        this.maxMicroOps = Math.max(1, maxMicroOps);
        this.activeKeys = Math.max(1, activeKeys);
        this.writesPerKey = Math.max(1, writesPerKey);
        this.staleRate = staleRate;
        this.faults = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.keys = new int[this.activeKeys];
        for (int i = 0; i < keys.length; i++) keys[i] = nextKey++;
    }

    @Override
    public String datatype() {
        return append ? "list-append" : "rw-register";
    }

    @Override
    public Call next(SplittableRandom rnd) {
        int n = 1 + rnd.nextInt(maxMicroOps);
        ArrayNode txn = NODES.arrayNode();
        for (int i = 0; i < n; i++) {
            int slot = rnd.nextInt(keys.length);
            int k = keys[slot];
            if (rnd.nextBoolean()) {
                txn.add(micro("r", k, NullNode.getInstance()));
            } else {
                int w = writes.merge(k, 1, Integer::sum);
                txn.add(micro(append ? "append" : "w", k, NODES.numberNode(w)));
                if (w >= writesPerKey) keys[slot] = nextKey++;
            }
        }
        if (anomaly == Anomaly.STALE_SNAPSHOT) {
            Map<Integer, Integer> sizes = new HashMap<>();
            for (JsonNode m : txn) sizes.put(m.get(1).intValue(), lists.getOrDefault(m.get(1).intValue(), List.of()).size());
            snapshots.put(txn, sizes);
        }
        return new Call("txn", null, txn);
    }

    @Override
    public Result apply(Call call) {
        Map<Integer, Integer> snapshot = snapshots.remove(call.value());
        boolean fromSnapshot = snapshot != null && faults.nextDouble() < anomalyRate;
        Map<Integer, List<Integer>> own = new HashMap<>();
        ArrayNode done = NODES.arrayNode();
        for (JsonNode m : call.value()) {
            int k = m.get(1).intValue();
            List<Integer> list = lists.computeIfAbsent(k, x -> new ArrayList<>());
            List<Integer> mine = own.computeIfAbsent(k, x -> new ArrayList<>());
            if (m.get(0).textValue().equals("r")) {
                List<Integer> seen = new ArrayList<>(list);
                if (fromSnapshot) {
                    // The state as of invocation, plus this transaction's own writes.
                    seen = new ArrayList<>(list.subList(0, Math.min(list.size(), snapshot.getOrDefault(k, 0))));
                    seen.addAll(mine);
                }
                int shown = seen.size();
                if (staleRate > 0 && shown > 0 && faults.nextDouble() < staleRate) shown = faults.nextInt(shown);
                JsonNode v;
                if (append) {
                    ArrayNode a = NODES.arrayNode();
                    for (int i = 0; i < shown; i++) a.add(seen.get(i));
                    v = a;
                } else {
                    v = shown == 0 ? NullNode.getInstance() : NODES.numberNode(seen.get(shown - 1));
                }
                done.add(micro("r", k, v));
            } else {
                list.add(m.get(2).intValue());
                mine.add(m.get(2).intValue());
                done.add(m);
            }
        }
        // An aborted read: the transaction reports failure, yet its writes took effect.
        if (anomaly == Anomaly.ABORTED_READ && faults.nextDouble() < anomalyRate) return new Result(false, call.value());
        return new Result(true, done);
    }

    /** A micro-op {@code [f k v]} as a history writes it. */
    public static ArrayNode micro(String f, int k, JsonNode v) {
        ArrayNode a = NODES.arrayNode();
        a.add(f);
        a.add(k);
        a.add(v);
        return a;
    }
}
