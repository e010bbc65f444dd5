package dev.ariadne.checker.txn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.ariadne.history.MicroOp;
import dev.ariadne.history.Operation;

import java.util.HashMap;
import java.util.Map;

/**
 * A second opinion on a small refutation of serializability, sharing nothing with the search that
 * made it: every order of a few transactions is replayed against a map of registers (each read must
 * return the latest write, nil for none), keeping each process's order and real time where asked.
 * Used on the shrunk transactions of a {@code nonserializable} refutation before it is reported.
 */
final class SmallSerialOrders {
    private SmallSerialOrders() {}

    /** The most transactions replayed in every order (8! = 40,320 orders at most). */
    static final int MAX = 8;

    /** Whether some serial order of {@code txns} explains all their reads; they must be at most {@link #MAX}. */
    static boolean exists(TxnHistory th, int[] txns, boolean session, boolean realtime) {
        if (txns.length > MAX) throw new IllegalArgumentException(txns.length + " transactions");
        return extend(th, txns, new boolean[txns.length], new int[txns.length], 0, new HashMap<>(), session, realtime);
    }

    private static boolean extend(TxnHistory th, int[] txns, boolean[] used, int[] order, int depth, Map<JsonNode, JsonNode> state, boolean session,
                                  boolean realtime) {
        if (depth == txns.length) return true;
        for (int i = 0; i < txns.length; i++) {
            if (used[i] || !mayGoNext(th, txns, used, i, session, realtime)) continue;
            Map<JsonNode, JsonNode> after = apply(th.mops.get(txns[i]), state);
            if (after == null) continue;
            used[i] = true;
            order[depth] = txns[i];
            if (extend(th, txns, used, order, depth + 1, after, session, realtime)) return true;
            used[i] = false;
        }
        return false;
    }

    /** Whether transaction i may come next: no unplaced one must precede it. */
    private static boolean mayGoNext(TxnHistory th, int[] txns, boolean[] used, int i, boolean session, boolean realtime) {
        Operation me = th.op(txns[i]);
        for (int j = 0; j < txns.length; j++) {
            if (used[j] || j == i) continue;
            Operation other = th.op(txns[j]);
            if (session && other.process() == me.process() && other.invokePosition() < me.invokePosition()) return false;
            if (realtime && other.returnPosition() < me.invokePosition()) return false;
        }
        return true;
    }

    /** The state after the transaction, or null when one of its reads does not match. */
    private static Map<JsonNode, JsonNode> apply(java.util.List<MicroOp> mops, Map<JsonNode, JsonNode> state) {
        Map<JsonNode, JsonNode> next = new HashMap<>(state);
        for (MicroOp m : mops) {
            if (m.isRead()) {
                JsonNode now = next.getOrDefault(m.key(), NullNode.getInstance());
                JsonNode read = m.value() == null ? NullNode.getInstance() : m.value();
                if (!now.equals(read)) return null;
            } else {
                next.put(m.key(), m.value());
            }
        }
        return next;
    }
}
