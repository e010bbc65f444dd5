package dev.ariadne.checker.weak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.NilRead;
import dev.ariadne.checker.report.OpView;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A register or get/put history read as reads and writes of keys, with its read-from relation,
 * for the models defined on differentiated histories (each value written at most once per key, and
 * never the initial value). Jepsen's outcomes: failed writes did not happen; crashed writes count
 * only when some read returned their value; reads of unknown result are left out.
 */
final class ReadWriteHistory {
    /** One read or write. */
    record Node(Operation op, boolean write, JsonNode key, JsonNode value) {}

    final History history;
    final JsonNode initial;
    /** The reads and writes that take part, in order of invocation. */
    final List<Node> nodes = new ArrayList<>();
    /** Per node: the node of the write a read returned, {@link #INITIAL}, {@link #THIN_AIR}, or {@link #WRITE} for a write. */
    final int[] src;
    static final int INITIAL = -1;
    static final int THIN_AIR = -2;
    static final int WRITE = -3;
    /** Reads of a value no surviving write wrote, with whether only a failed write wrote it. */
    final Map<Node, Boolean> thinAir = new java.util.LinkedHashMap<>();
    /** Why read-from is ambiguous, or null. */
    final String ambiguity;

    /** The datatype and options it was read with. */
    final String datatype;
    final DatatypeOptions options;

    ReadWriteHistory(History history, String datatype, DatatypeOptions options) {
        this.history = history;
        this.datatype = datatype;
        this.options = options;
        boolean kv = datatype.equals("kv");
        this.initial = kv ? TextNode.valueOf(options.initial() == null || options.initial().isNull() ? "" : options.initial().asText())
                : options.initial() == null ? NullNode.getInstance() : options.initial();
        List<Node> candidates = new ArrayList<>();
        Map<JsonNode, Map<JsonNode, Integer>> writes = new HashMap<>();
        Map<JsonNode, Set<JsonNode>> failed = new HashMap<>();
        String why = null;
        for (Operation o : history.operations()) {
            String f = o.f() == null ? "" : o.f();
            boolean write = f.equals("write") || f.equals("w") || (kv && f.equals("put"));
            boolean read = f.equals("read") || f.equals("r") || (kv && f.equals("get"));
            if (!write && !read) {
                throw new IllegalArgumentException("this model is checked on read/write registers and get/put maps; " + f + " is neither");
            }
            JsonNode key = o.key() == null ? NullNode.getInstance() : o.key();
            JsonNode value = kv && o.value().isNull() && read ? TextNode.valueOf("") : o.value();
            if (write) {
                if (o.isFail()) {
                    failed.computeIfAbsent(key, k -> new HashSet<>()).add(value);
                    continue;
                }
                if (value.equals(initial) && why == null) {
                    why = "a write of the initial value " + Values.show(initial) + " to key " + Values.show(key) + " (op " + o.index()
                            + ") makes reads of it ambiguous";
                }
                Node n = new Node(o, true, key, value);
                Integer dup = writes.computeIfAbsent(key, k -> new HashMap<>()).put(value, candidates.size());
                if (dup != null && why == null) {
                    why = "value " + Values.show(value) + " is written to key " + Values.show(key) + " twice (ops " + candidates.get(dup).op().index() + " and "
                            + o.index() + "), so which write a read saw is ambiguous";
                }
                candidates.add(n);
            } else if (o.isOk() && !(value.isNull() && !kv && options.nilRead() == NilRead.UNKNOWN)) {
                candidates.add(new Node(o, false, key, value));
            }
        }
        this.ambiguity = why;
        int m = candidates.size();
        int[] candSrc = new int[m];
        boolean[] readFrom = new boolean[m];
        for (int i = 0; i < m; i++) {
            Node n = candidates.get(i);
            if (n.write || n.value.equals(initial)) {
                candSrc[i] = n.write ? WRITE : INITIAL;
                continue;
            }
            Integer w = writes.getOrDefault(n.key, Map.of()).get(n.value);
            if (w == null) {
                thinAir.put(n, failed.getOrDefault(n.key, Set.of()).contains(n.value));
                candSrc[i] = THIN_AIR;
            } else {
                candSrc[i] = w;
                readFrom[w] = true;
            }
        }
        // Nodes in order of invocation (operations are listed so already, so the sort is a pass).
        long[] order = new long[m];
        for (int i = 0; i < m; i++) order[i] = ((long) candidates.get(i).op.invokePosition() << 32) | i;
        java.util.Arrays.sort(order);
        int[] nodeOf = new int[m];
        for (long e : order) {
            int i = (int) e;
            Node n = candidates.get(i);
            nodeOf[i] = -1;
            if (!n.write || n.op.isOk() || readFrom[i]) {
                nodeOf[i] = nodes.size();
                nodes.add(n);
            }
        }
        src = new int[nodes.size()];
        for (int i = 0; i < m; i++) if (nodeOf[i] >= 0) src[nodeOf[i]] = candSrc[i] >= 0 ? nodeOf[candSrc[i]] : candSrc[i];
    }

    /**
     * The read/write reading of a history, shared by the checks of one history (CC, CCv, CM, PRAM and
     * the session guarantees each need it, and {@code --model all} runs them all): the last one read
     * is kept while memory allows.
     */
    static ReadWriteHistory of(History history, String datatype, DatatypeOptions options) {
        synchronized (ReadWriteHistory.class) {
            ReadWriteHistory last = lastRead == null ? null : lastRead.get();
            if (last != null && last.history == history && last.datatype.equals(datatype) && last.options.equals(options)) return last;
        }
        ReadWriteHistory rw = new ReadWriteHistory(history, datatype, options);
        synchronized (ReadWriteHistory.class) {
            lastRead = new java.lang.ref.SoftReference<>(rw);
        }
        return rw;
    }

    private static java.lang.ref.SoftReference<ReadWriteHistory> lastRead;
    private ViewIndex index;
    private CausalOrder causalOrder;

    /** The per-process layout of the nodes ({@link ViewIndex}), built once. */
    synchronized ViewIndex index() {
        if (index == null) index = new ViewIndex(this, history.processCount());
        return index;
    }

    /** Causal order with its vector clocks, built once; callers bound its size first. */
    synchronized CausalOrder causalOrder() {
        if (causalOrder == null) causalOrder = new CausalOrder(nodes, src, history.processCount());
        return causalOrder;
    }

    private int[] nodeOfOperation;

    /** The node of the history's operation {@code id}, or -1 when it has none (a failed write, a read of unknown result). */
    int nodeOf(int operationId) {
        if (nodeOfOperation == null) {
            int[] t = new int[history.size()];
            java.util.Arrays.fill(t, -1);
            for (int i = 0; i < nodes.size(); i++) t[nodes.get(i).op().id()] = i;
            nodeOfOperation = t;
        }
        return nodeOfOperation[operationId];
    }

    boolean readsInitial(Node read) {
        return read.value.equals(initial);
    }

    OpView view(Node n) {
        String d = (n.write ? "write " : "read → ") + Values.show(n.value) + (n.key.isNull() ? "" : " [key " + Values.show(n.key) + "]");
        return OpView.of(history, n.op, d);
    }

    String keyName(Node n) {
        return n.key.isNull() ? "the register" : Values.show(n.key);
    }
}
