package dev.ariadne.checker.log;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Each key's log as the history shows it: the values seen at each offset, from every poll (whatever
 * the poll's outcome: a consumer's reads are meant to be safe even in an aborted transaction) and
 * from the sends of operations that must have taken effect (ok, or info with one of their sends
 * polled). As in Jepsen's Kafka checker, offsets with no value are gaps (transaction markers take
 * offsets too): the <em>index</em> of an offset is its rank among the offsets that hold a value.
 */
final class VersionOrders {

    /** One key's log. */
    static final class Log {
        /** Offset to the values seen there, in offset order. */
        final TreeMap<Long, Set<JsonNode>> byOffset = new TreeMap<>();
        /** Filled by {@link #index()}: per index the offset, and per value its first and last index. */
        long[] offsets;
        final Map<JsonNode, Integer> firstIndex = new HashMap<>();
        final Map<JsonNode, Integer> lastIndex = new HashMap<>();
        /** Per index, one value there (the first seen), for naming the values a skip passed over. */
        final List<JsonNode> byIndex = new ArrayList<>();

        void add(long offset, JsonNode value) {
            byOffset.computeIfAbsent(offset, o -> new LinkedHashSet<>()).add(value);
        }

        void index() {
            offsets = new long[byOffset.size()];
            int i = 0;
            for (Map.Entry<Long, Set<JsonNode>> e : byOffset.entrySet()) {
                offsets[i] = e.getKey();
                byIndex.add(e.getValue().iterator().next());
                for (JsonNode v : e.getValue()) {
                    firstIndex.putIfAbsent(v, i);
                    lastIndex.put(v, i);
                }
                i++;
            }
        }

        /** The value's index (its first), or -1 when no send or poll placed it. */
        int indexOf(JsonNode value) {
            Integer i = firstIndex.get(value);
            return i == null ? -1 : i;
        }
    }

    final Map<String, Log> logs = new TreeMap<>();

    static VersionOrders of(List<LogOp> ops, Set<Id> polledOk) {
        VersionOrders vo = new VersionOrders();
        for (LogOp o : ops) {
            for (Map.Entry<String, List<LogOp.Polled>> e : o.polls().entrySet()) {
                Log log = vo.logs.computeIfAbsent(e.getKey(), k -> new Log());
                for (LogOp.Polled p : e.getValue()) log.add(p.offset(), p.value());
            }
            if (!mustHaveCommitted(o, polledOk)) continue;
            for (LogOp.Send s : o.sends()) {
                if (s.offset() != null) vo.logs.computeIfAbsent(s.key(), k -> new Log()).add(s.offset(), s.value());
            }
        }
        for (Log l : vo.logs.values()) l.index();
        return vo;
    }

    /**
     * Whether the operation's sends took effect: it is ok, or it is info and some ok poll returned
     * one of them. {@code polledOk} holds {@link #id} of every value an ok operation polled.
     */
    static boolean mustHaveCommitted(LogOp o, Set<Id> polledOk) {
        if (o.op().isOk()) return true;
        if (!o.op().isInfo()) return false;
        for (LogOp.Send s : o.sends()) if (polledOk.contains(id(s.key(), s.value()))) return true;
        return false;
    }

    /** A message of a key, for sets and maps of messages (JsonNode's own equality; no text is built). */
    record Id(String key, JsonNode value) {}

    static Id id(String key, JsonNode value) {
        return new Id(key, value);
    }

    Log log(String key) {
        return logs.get(key);
    }
}
