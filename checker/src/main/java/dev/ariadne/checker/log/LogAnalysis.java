package dev.ariadne.checker.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.report.LogAnomaly;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The analyses of Jepsen's Kafka checker ({@code jepsen.tests.kafka}: version orders, aborted and
 * precommitted reads, lost writes, skips and reversals within an operation and between a consumer's
 * or producer's operations, duplicates, unseen messages), each error with the few operations that
 * prove it: the operations showing each message at its offset, and the ones that read or sent it.
 */
final class LogAnalysis {

    /** One error found: what, on which key, which messages, and the operations that show it. */
    record Finding(LogAnomaly anomaly, String key, List<JsonNode> values, List<LogOp> ops, String why) {}

    final List<LogOp> ops = new ArrayList<>();
    final VersionOrders orders;
    final boolean subscribe;
    final List<Finding> findings = new ArrayList<>();
    /** Per message (VersionOrders.id): the operation that sent it, and the first operation that showed it at an offset. */
    private final Map<VersionOrders.Id, LogOp> writer = new HashMap<>();
    private final Map<VersionOrders.Id, LogOp> placer = new HashMap<>();
    private final Set<VersionOrders.Id> polledOk = new HashSet<>();
    private final Map<LogAnomaly, Integer> counts = new java.util.EnumMap<>(LogAnomaly.class);

    LogAnalysis(History h) {
        boolean sub = false;
        for (Operation o : h.operations()) {
            LogOp lo = LogOp.read(o);
            ops.add(lo);
            if ("subscribe".equals(o.f()) && !o.isFail()) sub = true;
            for (LogOp.Send s : lo.sends()) {
                // Jepsen's analyses name a message by its value: a value sent twice to one key would be two messages in one.
                if (writer.putIfAbsent(VersionOrders.id(s.key(), s.value()), lo) != null) {
                    throw new dev.ariadne.checker.datatype.DatatypeMismatch(o, "message " + s.value() + " is sent to key " + s.key()
                            + " twice: each message must be unique per key");
                }
            }
            if (o.isOk()) for (var e : lo.polls().entrySet()) for (LogOp.Polled p : e.getValue()) polledOk.add(VersionOrders.id(e.getKey(), p.value()));
        }
        subscribe = sub;
        orders = VersionOrders.of(ops, polledOk);
        for (LogOp o : ops) {
            for (var e : o.polls().entrySet()) for (LogOp.Polled p : e.getValue()) placer.putIfAbsent(VersionOrders.id(e.getKey(), p.value()), o);
            if (!VersionOrders.mustHaveCommitted(o, polledOk)) continue;
            for (LogOp.Send s : o.sends()) if (s.offset() != null) placer.putIfAbsent(VersionOrders.id(s.key(), s.value()), o);
        }
        offsets();
        readsOfFailedAndOwnSends();
        lostWrites();
        withinOperations();
        perProcess();
        unseen();
        for (LogCycles.Cycle c : LogCycles.find(ops, writer, polledOk, LogChecker.SHOWN)) add(c.anomaly(), "", List.of(), c.ops(), c.why());
    }

    private void add(LogAnomaly a, String key, List<JsonNode> values, List<LogOp> ops, String why) {
        List<LogOp> distinct = new ArrayList<>();
        for (LogOp o : ops) if (o != null && !distinct.contains(o)) distinct.add(o);
        distinct.sort((x, y) -> Integer.compare(x.op().invokePosition(), y.op().invokePosition()));
        findings.add(new Finding(a, key, values, distinct, why));
        counts.merge(a, 1, Integer::sum);
    }

    /** The operation that showed the message at its offset (a poll, or a send that took effect). */
    private LogOp placer(String key, JsonNode v) {
        return placer.get(VersionOrders.id(key, v));
    }

    private void offsets() {
        for (Map.Entry<String, VersionOrders.Log> e : orders.logs.entrySet()) {
            String k = e.getKey();
            VersionOrders.Log log = e.getValue();
            Map<JsonNode, List<Long>> at = new LinkedHashMap<>();
            for (Map.Entry<Long, Set<JsonNode>> o : log.byOffset.entrySet()) {
                for (JsonNode v : o.getValue()) at.computeIfAbsent(v, x -> new ArrayList<>()).add(o.getKey());
                if (o.getValue().size() < 2) continue;
                List<JsonNode> vs = new ArrayList<>(o.getValue());
                List<LogOp> shown = new ArrayList<>();
                if (detailed(LogAnomaly.INCONSISTENT_OFFSETS)) for (JsonNode v : vs) shown.add(showing(k, o.getKey(), v));
                add(LogAnomaly.INCONSISTENT_OFFSETS, k, vs, shown, "offset " + o.getKey() + " of key " + k + " holds " + vs.size() + " different messages");
            }
            for (Map.Entry<JsonNode, List<Long>> v : at.entrySet()) {
                if (v.getValue().size() < 2) continue;
                List<LogOp> shown = new ArrayList<>();
                if (detailed(LogAnomaly.DUPLICATE)) for (long off : v.getValue()) shown.add(showing(k, off, v.getKey()));
                add(LogAnomaly.DUPLICATE, k, List.of(v.getKey()), shown, "message " + v.getKey() + " of key " + k + " is at offsets " + v.getValue());
            }
        }
    }

    /** Whether findings of this kind are still among those shown: beyond them, the operations that prove one are not looked up (a scan of the history each). */
    private boolean detailed(LogAnomaly a) {
        return counts.getOrDefault(a, 0) < LogChecker.SHOWN;
    }

    /** An operation that shows the message at that offset of the key (a scan of the history). */
    private LogOp showing(String k, long offset, JsonNode v) {
        for (LogOp o : ops) {
            List<LogOp.Polled> got = o.polls().get(k);
            if (got != null) for (LogOp.Polled p : got) if (p.offset() == offset && p.value().equals(v)) return o;
            if (!VersionOrders.mustHaveCommitted(o, polledOk)) continue;
            for (LogOp.Send s : o.sends()) if (s.key().equals(k) && s.offset() != null && s.offset() == offset && s.value().equals(v)) return o;
        }
        return null;
    }

    private void readsOfFailedAndOwnSends() {
        for (LogOp o : ops) {
            if (!o.op().isOk()) continue;
            for (var e : o.polls().entrySet()) {
                for (LogOp.Polled p : e.getValue()) {
                    LogOp w = writer.get(VersionOrders.id(e.getKey(), p.value()));
                    if (w != null && w.op().isFail()) {
                        add(LogAnomaly.G1A, e.getKey(), List.of(p.value()), List.of(w, o), "message " + p.value() + " of key " + e.getKey()
                                + " was polled though its send failed");
                    }
                    if (w == o) {
                        add(LogAnomaly.PRECOMMITTED_READ, e.getKey(), List.of(p.value()), List.of(o), "the operation polled message " + p.value()
                                + " of key " + e.getKey() + ", which it sent itself");
                    }
                }
            }
        }
    }

    private void lostWrites() {
        // Per key: the values ok operations polled, and the highest index among them.
        Map<String, Set<JsonNode>> read = new HashMap<>();
        for (LogOp o : ops) {
            if (!o.op().isOk()) continue;
            for (var e : o.polls().entrySet()) for (LogOp.Polled p : e.getValue()) read.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(p.value());
        }
        for (Map.Entry<String, Set<JsonNode>> e : read.entrySet()) {
            String k = e.getKey();
            VersionOrders.Log log = orders.log(k);
            int bound = -1;
            JsonNode top = null;
            for (JsonNode v : e.getValue()) {
                int i = log.indexOf(v);
                if (i > bound) {
                    bound = i;
                    top = v;
                }
            }
            if (bound < 0) continue;
            LogOp reader = null;
            for (LogOp o : ops) {
                if (!o.op().isOk() || !o.polls().containsKey(k)) continue;
                for (LogOp.Polled p : o.polls().get(k)) if (p.value().equals(top)) reader = o;
                if (reader != null) break;
            }
            for (Map.Entry<JsonNode, Integer> last : log.lastIndex.entrySet()) {
                JsonNode v = last.getKey();
                if (last.getValue() > bound || e.getValue().contains(v)) continue;
                LogOp w = writer.get(VersionOrders.id(k, v));
                if (w == null || !VersionOrders.mustHaveCommitted(w, polledOk)) continue;
                add(LogAnomaly.LOST_WRITE, k, List.of(v, top), List.of(w, placer(k, v), reader), "message " + v + " of key " + k + " is at index "
                        + log.indexOf(v) + ", below index " + bound + " (message " + top + ") that an ok poll reached, yet no ok poll returned it");
            }
        }
    }

    private void withinOperations() {
        for (LogOp o : ops) {
            if (o.op().isInfo() && o.op().completion() == null) continue;
            for (var e : o.polls().entrySet()) {
                if (o.rebalanced().contains(e.getKey())) continue;
                List<JsonNode> vs = new ArrayList<>();
                for (LogOp.Polled p : e.getValue()) vs.add(p.value());
                pairs(o, e.getKey(), vs, LogAnomaly.INT_POLL_SKIP, LogAnomaly.INT_NONMONOTONIC_POLL, "polled");
            }
            Map<String, List<JsonNode>> sent = new LinkedHashMap<>();
            for (LogOp.Send s : o.sends()) sent.computeIfAbsent(s.key(), x -> new ArrayList<>()).add(s.value());
            for (var e : sent.entrySet()) pairs(o, e.getKey(), e.getValue(), LogAnomaly.INT_SEND_SKIP, LogAnomaly.INT_NONMONOTONIC_SEND, "sent");
        }
    }

    /** Consecutive values of one key within one operation. */
    private void pairs(LogOp o, String k, List<JsonNode> vs, LogAnomaly skip, LogAnomaly back, String verb) {
        VersionOrders.Log log = orders.log(k);
        if (log == null) return;
        for (int j = 1; j < vs.size(); j++) judge(log, k, vs.get(j - 1), vs.get(j), skip, back, verb, List.of(o), "within one operation");
    }

    /** Two messages one after the other: a skip when more than one index apart, a reversal when not after. */
    private void judge(VersionOrders.Log log, String k, JsonNode v1, JsonNode v2, LogAnomaly skip, LogAnomaly back, String verb, List<LogOp> by, String where) {
        if (log == null) return;
        int i1 = log.indexOf(v1);
        int i2 = log.indexOf(v2);
        if (i1 < 0 || i2 < 0) return;
        int delta = i2 - i1;
        if (delta == 1 || delta > 1 && skip == null) return;
        String pair = " of key " + k + ": " + verb + " " + v1 + " (index " + i1 + ") then " + v2 + " (index " + i2 + ") " + where;
        if (delta > 1) {
            List<JsonNode> values = new ArrayList<>(List.of(v1, v2));
            List<LogOp> shown = new ArrayList<>(by);
            JsonNode skipped = log.byIndex.get(i1 + 1);
            values.add(skipped);
            shown.add(placer(k, v1));
            shown.add(placer(k, skipped));
            shown.add(placer(k, v2));
            add(skip, k, values, shown, "skipped " + (delta - 1) + " message" + (delta == 2 ? "" : "s") + pair + ": " + skipped + " is at index " + (i1 + 1));
        } else if (delta < 1) {
            List<LogOp> shown = new ArrayList<>(by);
            shown.add(placer(k, v1));
            shown.add(placer(k, v2));
            add(back, k, List.of(v1, v2), shown, "went back " + (1 - delta) + (delta == 0 ? " (the same message again)" : "") + pair);
        }
    }

    /** Each consumer's successive polls and each producer's successive sends, per key. */
    private void perProcess() {
        Map<Integer, Map<String, LogOp>> lastRead = new HashMap<>();
        Map<Integer, Map<String, LogOp>> lastSent = new HashMap<>();
        for (LogOp o : ops) {
            Operation op = o.op();
            Map<String, LogOp> reads = lastRead.computeIfAbsent(op.process(), p -> new HashMap<>());
            Map<String, LogOp> sends = lastSent.computeIfAbsent(op.process(), p -> new HashMap<>());
            if (o.assigned() != null) {
                if (!op.isFail()) {
                    reads.keySet().retainAll(o.assigned());
                    sends.keySet().retainAll(o.assigned());
                }
                continue;
            }
            for (var e : o.polls().entrySet()) {
                LogOp last = reads.get(e.getKey());
                if (last == null || e.getValue().isEmpty()) continue;
                List<LogOp.Polled> prev = last.polls().get(e.getKey());
                judge(orders.log(e.getKey()), e.getKey(), prev.get(prev.size() - 1).value(), e.getValue().get(0).value(),
                        LogAnomaly.POLL_SKIP, LogAnomaly.NONMONOTONIC_POLL, "polled", List.of(last, o), "in two successive polls of one consumer");
            }
            if (op.isOk()) for (var e : o.polls().entrySet()) if (!e.getValue().isEmpty()) reads.put(e.getKey(), o);
            if (op.isFail()) continue;
            Map<String, List<JsonNode>> sent = new LinkedHashMap<>();
            for (LogOp.Send s : o.sends()) sent.computeIfAbsent(s.key(), x -> new ArrayList<>()).add(s.value());
            for (var e : sent.entrySet()) {
                LogOp last = sends.get(e.getKey());
                VersionOrders.Log log = orders.log(e.getKey());
                if (last != null && log != null) {
                    List<JsonNode> prev = last.sent(e.getKey());
                    judge(log, e.getKey(), prev.get(prev.size() - 1), e.getValue().get(0), null, LogAnomaly.NONMONOTONIC_SEND, "sent",
                            List.of(last, o), "in two successive sends of one producer");
                }
                sends.put(e.getKey(), o);
            }
        }
    }

    private void unseen() {
        for (LogOp o : ops) {
            if (!o.op().isOk()) continue;
            for (LogOp.Send s : o.sends()) {
                if (!polledOk.contains(VersionOrders.id(s.key(), s.value()))) {
                    add(LogAnomaly.UNSEEN, s.key(), List.of(s.value()), List.of(o), "message " + s.value() + " of key " + s.key()
                            + " was acknowledged" + (s.offset() == null ? "" : " at offset " + s.offset()) + ", and no ok poll returned it");
                }
            }
        }
    }
}
