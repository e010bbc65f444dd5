package dev.ariadne.history;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One micro-operation of a transaction ({@code f: "txn"}): {@code ["append", k, v]},
 * {@code ["r", k, [1 2]]}, {@code ["w", k, v]}, or Knossos's {@code ["read", k, v]} /
 * {@code ["write", k, v]}.
 */
public record MicroOp(String f, JsonNode key, JsonNode value) {

    /** The micro-ops of a transaction's value; throws {@link IllegalArgumentException} saying what is malformed. */
    public static List<MicroOp> parseAll(JsonNode txn) {
        if (txn == null || txn.isNull()) return List.of();
        if (!txn.isArray()) {
            throw new IllegalArgumentException("a txn value must be a list of micro-ops such as [\"append\", k, v], not " + Values.show(txn));
        }
        List<MicroOp> out = new ArrayList<>(txn.size());
        int i = 0;
        for (JsonNode m : txn) {
            out.add(parse(m, i++));
        }
        return Collections.unmodifiableList(out);
    }

    static MicroOp parse(JsonNode m, int position) {
        if (!m.isArray() || m.size() != 3 || !m.get(0).isTextual()) {
            throw new IllegalArgumentException("micro-op " + position + " of the txn is malformed: expected [f key value] such as [\"r\", 1, [2 3]], got " + Values.show(m));
        }
        return new MicroOp(m.get(0).textValue(), m.get(1), m.get(2));
    }

    /** Whether the value is a non-empty list of {@code [f key value]} triples with a textual f. */
    static boolean isTxnShaped(JsonNode v) {
        if (!v.isArray() || v.isEmpty()) return false;
        for (JsonNode m : v) if (!m.isArray() || m.size() != 3 || !m.get(0).isTextual()) return false;
        return true;
    }

    /**
     * Whether the value is a transaction of Jepsen's Kafka workload ({@code [:send k v]},
     * {@code [:poll]}, {@code [:poll {k [[offset v] ...]}]}), which the log check reads on its own.
     */
    public static boolean isLogTxn(JsonNode txn) {
        if (txn == null || !txn.isArray() || txn.isEmpty()) return false;
        for (JsonNode m : txn) {
            if (!m.isArray() || m.isEmpty() || !m.get(0).isTextual()) return false;
            String f = m.get(0).textValue();
            boolean send = f.equals("send") && m.size() == 3;
            boolean poll = f.equals("poll") && (m.size() == 1 || m.size() == 2 && (m.get(1).isObject() || m.get(1).isNull()));
            if (!send && !poll) return false;
        }
        return true;
    }

    /** Whether this micro-op reads ({@code r} or {@code read}). */
    public boolean isRead() {
        return "r".equals(f) || "read".equals(f);
    }

    @Override
    public String toString() {
        return "[" + f + " " + Values.show(key) + " " + Values.show(value) + "]";
    }
}
