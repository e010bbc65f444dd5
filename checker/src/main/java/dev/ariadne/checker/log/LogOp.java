package dev.ariadne.checker.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.datatype.DatatypeMismatch;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One operation of a Kafka-like log history, read as Jepsen's Kafka workload records it: {@code send},
 * {@code poll} and {@code txn} operations whose value is a list of micro-ops {@code [:send k v]}
 * (completing as {@code [:send k [offset v]]}, the offset nil when unknown) and {@code [:poll]}
 * (completing as {@code [:poll {k [[offset v] ...]}]}); {@code assign} and {@code subscribe} with a
 * list of keys; anything else (a {@code crash}) is neither.
 *
 * <p>Keys are compared by their text (an EDN map's integer keys and a send's integer key are the
 * same key). The micro-ops are read from the completion when it has them (a poll's results), else
 * from the invocation.
 *
 * @param op       the operation
 * @param sends    its sends in order: key, value and offset (null when unknown)
 * @param polls    per key, the (offset, value) pairs its polls returned, in order
 * @param assigned for {@code assign}/{@code subscribe}: the keys; otherwise null
 * @param rebalanced keys named in its {@code rebalance-log}: no internal order is expected on them
 */
record LogOp(Operation op, List<Send> sends, Map<String, List<Polled>> polls, Set<String> assigned, Set<String> rebalanced) {

    /** A message sent: the offset the log gave it, or null when unknown. */
    record Send(String key, JsonNode value, Long offset) {}

    /** A message a poll returned, at its offset. */
    record Polled(long offset, JsonNode value) {}

    boolean isPollOrSend() {
        return assigned == null && (!sends.isEmpty() || !polls.isEmpty() || "poll".equals(op.f()) || "send".equals(op.f()) || "txn".equals(op.f()));
    }

    /** The key's text: {@code 1} and {@code "1"} are one key. */
    static String key(JsonNode k) {
        return k.isTextual() ? k.textValue() : k.isIntegralNumber() ? Long.toString(k.longValue()) : Values.show(k);
    }

    static LogOp read(Operation op) {
        String f = op.f() == null ? "" : op.f();
        if (f.equals("assign") || f.equals("subscribe")) {
            Set<String> keys = new LinkedHashSet<>();
            JsonNode v = op.invoke().value();
            if (!v.isArray()) throw new DatatypeMismatch(op, f + " takes a list of keys");
            for (JsonNode k : v) keys.add(key(k));
            return new LogOp(op, List.of(), Map.of(), keys, Set.of());
        }
        if (!f.equals("send") && !f.equals("poll") && !f.equals("txn")) return new LogOp(op, List.of(), Map.of(), null, Set.of());
        JsonNode v = op.completion() != null && op.completion().value().isArray() && !op.completion().value().isEmpty()
                ? op.completion().value() : op.invoke().value();
        if (!v.isArray()) throw new DatatypeMismatch(op, f + " takes a list of micro-ops such as [:send k v] or [:poll]");
        List<Send> sends = new ArrayList<>();
        Map<String, List<Polled>> polls = new LinkedHashMap<>();
        for (JsonNode m : v) {
            if (!m.isArray() || m.isEmpty() || !m.get(0).isTextual()) throw new DatatypeMismatch(op, "a micro-op is [:send k v] or [:poll], not " + Values.show(m));
            String mf = m.get(0).textValue();
            if (mf.equals("send")) {
                if (m.size() != 3) throw new DatatypeMismatch(op, "a send is [:send k v], not " + Values.show(m));
                JsonNode sent = m.get(2);
                Long offset = null;
                JsonNode value = sent;
                // [:send k [offset v]] once completed; an invocation's bare value has no offset.
                if (sent.isArray() && sent.size() == 2 && (sent.get(0).isIntegralNumber() || sent.get(0).isNull()) && op.completion() != null
                        && v == op.completion().value()) {
                    offset = sent.get(0).isNull() ? null : sent.get(0).longValue();
                    value = sent.get(1);
                }
                sends.add(new Send(key(m.get(1)), value, offset));
            } else if (mf.equals("poll")) {
                if (m.size() == 1 || m.get(1).isNull()) continue;
                if (m.size() != 2 || !m.get(1).isObject()) throw new DatatypeMismatch(op, "a poll completes as [:poll {k [[offset v] ...]}], not " + Values.show(m));
                var fields = m.get(1).fields();
                while (fields.hasNext()) {
                    var e = fields.next();
                    List<Polled> got = polls.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                    if (!e.getValue().isArray()) throw new DatatypeMismatch(op, "a poll of key " + e.getKey() + " returns [[offset v] ...]");
                    for (JsonNode pair : e.getValue()) {
                        if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isIntegralNumber()) {
                            throw new DatatypeMismatch(op, "a poll of key " + e.getKey() + " returns [offset v] pairs, not " + Values.show(pair));
                        }
                        got.add(new Polled(pair.get(0).longValue(), pair.get(1)));
                    }
                }
            } else {
                throw new DatatypeMismatch(op, "a log's micro-ops are :send and :poll, not :" + mf);
            }
        }
        Set<String> rebalanced = new LinkedHashSet<>();
        JsonNode log = op.completion() == null ? null : op.completion().extra().get("rebalance-log");
        if (log != null && log.isArray()) {
            for (JsonNode event : log) {
                JsonNode keys = event.get("keys");
                if (keys != null && keys.isArray()) for (JsonNode k : keys) rebalanced.add(key(k));
            }
        }
        return new LogOp(op, sends, polls, null, rebalanced);
    }

    /** The values this operation sent to the key, in order. */
    List<JsonNode> sent(String key) {
        List<JsonNode> out = new ArrayList<>();
        for (Send s : sends) if (s.key.equals(key)) out.add(s.value);
        return out;
    }
}
