package dev.ariadne.checker.txn;

import dev.ariadne.checker.search.LongIntMap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.MicroOp;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What both transactional datatypes share: every write of the history as an element (a key and a
 * value unique to it, with its writer and whether it is the writer's last write of that key), and
 * the process and real-time edges of the dependency graph.
 */
abstract class WriteIndex {
    final TxnHistory th;
    final int n;
    /** Keys and elements by value: integers (the usual case) in primitive maps, anything else in hash maps. */
    private final LongIntMap intKeys = new LongIntMap(1024);
    private final Map<JsonNode, Integer> otherKeys = new HashMap<>();
    final List<JsonNode> keys = new ArrayList<>();
    private final LongIntMap intElements = new LongIntMap(1 << 16);
    private final Map<JsonNode, Integer> otherElements = new HashMap<>();
    int elements;
    int[] elemKey = new int[1024];
    int[] elemWriter = new int[1024];
    boolean[] elemLast = new boolean[1024];
    JsonNode[] elemValue = new JsonNode[1024];

    /** Why the inference would be unsound on this history, or null. */
    String unsupported;

    WriteIndex(TxnHistory th) {
        this.th = th;
        this.n = th.n;
    }

    private static final long SMALL = 1L << 42;

    private static boolean small(JsonNode v) {
        return v != null && v.isLong() && v.longValue() > -SMALL && v.longValue() < SMALL;
    }

    /** The key's id, made on first sight. */
    int key(JsonNode k) {
        int id;
        if (small(k)) {
            id = intKeys.putIfAbsent(k.longValue(), keys.size());
        } else {
            Integer boxed = otherKeys.putIfAbsent(k, keys.size());
            id = boxed == null ? -1 : boxed;
        }
        if (id >= 0) return id;
        keys.add(k);
        return keys.size() - 1;
    }

    /** The element appending {@code v} to key {@code k}, or -1; with {@code add >= 0}, records it as that element when absent. */
    int element(int k, JsonNode v, int add) {
        if (small(v) && k < (1 << 20)) {
            long packed = ((long) k << 43) | (v.longValue() & ((1L << 43) - 1));
            return add >= 0 ? intElements.putIfAbsent(packed, add) : intElements.get(packed);
        }
        JsonNode pair = Values.of(java.util.Arrays.asList(keys.get(k), v));
        Integer e = add >= 0 ? otherElements.putIfAbsent(pair, add) : otherElements.get(pair);
        return e == null ? -1 : e;
    }

    /**
     * Indexes every write ({@code writeF} micro-ops) of every transaction; returns why the history
     * cannot be analysed soundly (a value written twice to one key), or null.
     */
    String collectElements(String writeF, String wrongMicroOp, String verb) {
        Map<Integer, Integer> lastOfKey = new LinkedHashMap<>();
        for (int t = 0; t < n; t++) {
            lastOfKey.clear();
            for (MicroOp m : th.mops.get(t)) {
                if (m.isRead()) continue;
                if (!m.f().equals(writeF)) {
                    throw new dev.ariadne.checker.datatype.DatatypeMismatch(th.op(t), wrongMicroOp + ", not " + m.f());
                }
                int k = key(m.key());
                int prev = element(k, m.value(), elements);
                if (prev >= 0) {
                    return "value " + Values.show(m.value()) + " is " + verb + " to key " + Values.show(m.key()) + " twice (operations "
                            + th.index(elemWriter[prev]) + " and " + th.index(t) + "); the inference needs every " + verb
                            + " value unique per key, so no verdict is sound";
                }
                grow();
                elemKey[elements] = k;
                elemWriter[elements] = t;
                elemValue[elements] = m.value();
                lastOfKey.put(k, elements);
                elements++;
            }
            for (int e : lastOfKey.values()) elemLast[e] = true;
        }
        return null;
    }

    private void grow() {
        if (elements < elemKey.length) return;
        int c = elemKey.length * 2;
        elemKey = Arrays.copyOf(elemKey, c);
        elemWriter = Arrays.copyOf(elemWriter, c);
        elemLast = Arrays.copyOf(elemLast, c);
        elemValue = Arrays.copyOf(elemValue, c);
    }

    String showElems(int[] es) {
        StringBuilder sb = new StringBuilder("[");
        for (int e : es) {
            if (sb.length() > 1) sb.append(' ');
            sb.append(Values.show(elemValue[e]));
        }
        return sb.append(']').toString();
    }

    /** Process order (consecutive committed transactions of a process) and real-time order (a transitive reduction, as Elle builds it). */
    void orderEdges(DependencyGraph.Builder b, boolean[] committed) {
        for (int[] ops : th.history.byProcess()) {
            int prev = -1;
            for (int t : ops) {
                if (!committed[t]) continue;
                if (prev >= 0) b.add(prev, t, DependencyGraph.PROCESS);
                prev = t;
            }
        }
        if (!th.history.realTimeKnown()) return; // completions only: their order says nothing about real time
        // Walk the events in order, keeping the frontier: committed transactions completed so far that no
        // later-completed transaction follows. A transaction follows every member of the frontier at its
        // invocation; when it completes, it replaces them.
        int events = th.history.events().size();
        int[] invokeAt = new int[events];
        int[] completeAt = new int[events];
        Arrays.fill(invokeAt, -1);
        Arrays.fill(completeAt, -1);
        for (Operation o : th.history.operations()) {
            if (!committed[o.id()]) continue;
            invokeAt[o.invokePosition()] = o.id();
            if (o.isOk()) completeAt[o.completePosition()] = o.id();
        }
        int[] frontier = new int[16];
        int size = 0;
        int[][] before = new int[n][];
        for (int p = 0; p < events; p++) {
            int t = invokeAt[p];
            if (t >= 0) {
                before[t] = Arrays.copyOf(frontier, size);
                for (int i = 0; i < size; i++) b.add(frontier[i], t, DependencyGraph.REALTIME);
            }
            t = completeAt[p];
            if (t >= 0) {
                int[] dominated = before[t];
                before[t] = null;
                Arrays.sort(dominated);
                int m = 0;
                for (int i = 0; i < size; i++) if (Arrays.binarySearch(dominated, frontier[i]) < 0) frontier[m++] = frontier[i];
                size = m;
                if (size == frontier.length) frontier = Arrays.copyOf(frontier, size * 2);
                frontier[size++] = t;
            }
        }
    }
}
