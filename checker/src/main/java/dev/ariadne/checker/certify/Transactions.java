package dev.ariadne.checker.certify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The verifier's own reading of a transactional history, shared with nothing the inference uses:
 * each operation's micro-ops, flattened, with keys numbered and values in canonical form (so that a
 * number compares equal however it was built). An {@code ok} transaction's reads carry what they
 * returned; others' reads carry nothing. Writes' values are kept; what reads returned is read from the
 * history again when a transaction is replayed ({@link #values}), so that the lists a large list-append
 * history's reads return are not all held at once.
 */
final class Transactions {
    final int n;
    final boolean[] ok;
    final boolean[] fail;
    final int[] process;
    final int[] invokeAt;
    /** Completion position of an ok or fail transaction; -1 for info. */
    final int[] completeAt;
    /** Micro-ops of transaction t: indices {@code start[t]} to {@code start[t+1]}. */
    final int[] start;
    final boolean[] isRead;
    final int[] key;
    /** Per micro-op: the value a write writes (null for reads). */
    private final JsonNode[] value;
    private final History h;
    final int keys;
    /** Why the history cannot be read as transactions, or null. */
    final String malformed;

    Transactions(History h) {
        this.h = h;
        n = h.size();
        ok = new boolean[n];
        fail = new boolean[n];
        process = new int[n];
        invokeAt = new int[n];
        completeAt = new int[n];
        start = new int[n + 1];
        int total = 0;
        for (Operation o : h.operations()) total += o.value() != null && o.value().isArray() ? o.value().size() : 0;
        isRead = new boolean[total];
        key = new int[total];
        value = new JsonNode[total];
        Map<JsonNode, Integer> ids = new HashMap<>();
        String bad = null;
        int m = 0;
        for (int t = 0; t < n; t++) {
            Operation o = h.operation(t);
            ok[t] = o.isOk();
            fail[t] = o.isFail();
            process[t] = o.process();
            invokeAt[t] = o.invokePosition();
            completeAt[t] = o.isInfo() ? -1 : o.completePosition();
            start[t] = m;
            JsonNode v = o.value();
            if (v == null || v.isNull()) continue;
            if (!v.isArray()) {
                bad = bad != null ? bad : "operation " + o.index() + " is not a list of micro-ops";
                continue;
            }
            for (int i = 0, size = v.size(); i < size; i++) {
                JsonNode mop = v.get(i);
                if (!mop.isArray() || mop.size() != 3 || !mop.get(0).isTextual()) {
                    bad = bad != null ? bad : "operation " + o.index() + " has a malformed micro-op " + Values.show(mop);
                    continue;
                }
                String f = mop.get(0).textValue();
                boolean read = f.equals("r") || f.equals("read");
                if (!read && !f.equals("append") && !f.equals("w") && !f.equals("write")) {
                    bad = bad != null ? bad : "operation " + o.index() + " has an unknown micro-op " + f;
                    continue;
                }
                isRead[m] = read;
                key[m] = ids.computeIfAbsent(canon(mop.get(1)), k -> ids.size());
                JsonNode val = mop.get(2);
                value[m] = read ? null : canon(val);
                m++;
            }
        }
        start[n] = m;
        keys = ids.size();
        malformed = bad;
    }

    /** The value a write micro-op writes. */
    JsonNode written(int m) {
        return value[m];
    }

    /**
     * Transaction t's micro-op values, by position: what a write writes, what a read of an ok
     * transaction returned (raw: a list is canonicalised element by element when compared), null for
     * the reads of others.
     */
    JsonNode[] values(int t) {
        JsonNode[] out = new JsonNode[start[t + 1] - start[t]];
        JsonNode v = ok[t] ? h.operation(t).value() : null;
        for (int m = start[t]; m < start[t + 1]; m++) {
            out[m - start[t]] = !isRead[m] ? value[m] : v == null ? null : v.get(m - start[t]).get(2);
        }
        return out;
    }

    /** The elements of a list-append read; null when the value is not a list (nil reads as empty). */
    static JsonNode[] list(JsonNode v) {
        if (isNil(v)) return new JsonNode[0];
        if (!(v instanceof ArrayNode a)) return null;
        JsonNode[] out = new JsonNode[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = canon(a.get(i));
        return out;
    }

    /** The canonical form, without a walk for the usual scalars. */
    static JsonNode canon(JsonNode v) {
        if (v instanceof LongNode || v instanceof TextNode) return v;
        if (v instanceof IntNode || v instanceof ShortNode) return Values.of(v.longValue());
        return Values.canonical(v);
    }

    static boolean isNil(JsonNode v) {
        return v == null || v instanceof NullNode || v.isMissingNode();
    }

    static int[] grow(int[] a, int size) {
        return size < a.length ? a : Arrays.copyOf(a, Math.max(4, a.length * 2));
    }
}
