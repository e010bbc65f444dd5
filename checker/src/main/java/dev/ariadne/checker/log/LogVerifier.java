package dev.ariadne.checker.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.report.LogAnomaly;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The witness check behind a VALID log verdict, written apart from {@link LogAnalysis}: it reads the
 * raw operations' JSON itself and checks, against the claimed log of each key (one message per
 * offset), every promise the analysis stands for: each poll and each acknowledged send agrees with
 * the log; no message is at two offsets; no ok poll returns a failed send or the operation's own
 * send; an ok poll's messages of a key are consecutive in the log; with {@code assign}, a consumer's
 * next poll of a key starts right after where its last one ended; a producer's sends to a key go
 * forward; every acknowledged message is polled; and the dependency edges the promise draws leave
 * no cycle ({@link LogCycleCheck}).
 */
final class LogVerifier {
    private LogVerifier() {}

    /** What the check found: each broken promise by the error it is, and the first one's description (null when none). */
    static final class Result {
        final EnumSet<LogAnomaly> broken = EnumSet.noneOf(LogAnomaly.class);
        String first;

        void fail(LogAnomaly a, String why) {
            broken.add(a);
            if (first == null) first = why;
        }
    }

    /** The claimed logs as plain positions: per key the messages in offset order, their offsets, and each message's position. */
    static final class Logs {
        final Map<String, List<JsonNode>> messages = new HashMap<>();
        final Map<String, long[]> offsets = new HashMap<>();
        final Map<String, Map<JsonNode, Integer>> position = new HashMap<>();
        /** Per key, the positions of its integer messages by value: no JSON node to compare. */
        final Map<String, dev.ariadne.checker.search.LongIntMap> integerPosition = new HashMap<>();

        /** Reads the claimed logs, failing {@code result} where one has two messages at an offset, one message at two, or offsets out of order. */
        static Logs of(Map<String, List<Map.Entry<Long, List<JsonNode>>>> claimed, Result result) {
            Logs logs = new Logs();
            for (Map.Entry<String, List<Map.Entry<Long, List<JsonNode>>>> e : claimed.entrySet()) {
                String key = e.getKey();
                List<JsonNode> vs = new ArrayList<>();
                long[] os = new long[e.getValue().size()];
                Map<JsonNode, Integer> pos = new HashMap<>();
                Set<JsonNode> seen = new HashSet<>();
                dev.ariadne.checker.search.LongIntMap ints = new dev.ariadne.checker.search.LongIntMap(os.length);
                long previous = Long.MIN_VALUE;
                for (Map.Entry<Long, List<JsonNode>> o : e.getValue()) {
                    if (o.getKey() <= previous) result.fail(LogAnomaly.INCONSISTENT_OFFSETS, "the log of key " + key + " is not in offset order at " + o.getKey());
                    previous = o.getKey();
                    for (JsonNode v : o.getValue()) if (!seen.add(v)) result.fail(LogAnomaly.DUPLICATE, "message " + v + " of key " + key + " is at two offsets");
                    if (o.getValue().size() != 1) {
                        result.fail(LogAnomaly.INCONSISTENT_OFFSETS, "offset " + o.getKey() + " of key " + key + " holds " + o.getValue().size() + " messages");
                        continue;
                    }
                    JsonNode v = o.getValue().get(0);
                    if (pos.putIfAbsent(v, vs.size()) != null) continue;
                    if (v.isIntegralNumber() && v.canConvertToLong()) ints.put(v.longValue(), vs.size());
                    os[vs.size()] = o.getKey();
                    vs.add(v);
                }
                logs.messages.put(key, vs);
                logs.offsets.put(key, java.util.Arrays.copyOf(os, vs.size()));
                logs.position.put(key, pos);
                logs.integerPosition.put(key, ints);
            }
            return logs;
        }

        int position(String key, long v) {
            dev.ariadne.checker.search.LongIntMap p = integerPosition.get(key);
            return p == null ? -1 : p.get(v);
        }

        int position(String key, JsonNode v) {
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                dev.ariadne.checker.search.LongIntMap p = integerPosition.get(key);
                return p == null ? -1 : p.get(v.longValue());
            }
            Map<JsonNode, Integer> p = position.get(key);
            Integer at = p == null ? null : p.get(v);
            return at == null ? -1 : at;
        }
    }

    /** Null when the logs and the history agree, else what fails first. */
    static String verify(History h, Map<String, List<Map.Entry<Long, List<JsonNode>>>> claimed, boolean subscribe, LogPromise promise) {
        return check(h, claimed, subscribe, promise).first;
    }

    /** Every promise the logs and the history break (the logs' own malformations stop the check there). */
    static Result check(History h, Map<String, List<Map.Entry<Long, List<JsonNode>>>> claimed, boolean subscribe, LogPromise promise) {
        Result result = new Result();
        Logs logs = Logs.of(claimed, result);
        // Positions are ambiguous in a malformed log: nothing more to judge.
        if (!result.broken.isEmpty()) return result;
        List<Operation> ops = h.operations();
        LogReading polls = LogReading.read(h, logs, result);
        Map<String, boolean[]> failedAt = new HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            if (h.outcome(i) != dev.ariadne.history.OpType.FAIL) continue;
            for (int s = polls.sendStart[i]; s < polls.sendStart[i + 1]; s++) {
                String key = polls.sendKey[s];
                // A failed send's value as written (never read as [offset v]).
                int at = polls.raw[s] == polls.value[s] ? polls.sendAt[s] : logs.position(key, polls.raw[s]);
                if (at >= 0) failedAt.computeIfAbsent(key, x -> new boolean[logs.messages.get(key).size()])[at] = true;
            }
        }
        // Per process, per key: the position of the last message the consumer polled, and of the last one the producer sent (null: unknown).
        Map<Integer, Map<String, Integer>> lastPolled = new HashMap<>();
        Map<Integer, Map<String, Integer>> lastSent = new HashMap<>();
        Map<String, Integer> highest = new HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            stopIfCancelled(i);
            Operation o = ops.get(i);
            String f = o.f() == null ? "" : o.f();
            Map<String, Integer> myPolls = lastPolled.computeIfAbsent(o.process(), x -> new HashMap<>());
            Map<String, Integer> mySends = lastSent.computeIfAbsent(o.process(), x -> new HashMap<>());
            if (f.equals("assign") || f.equals("subscribe")) {
                if (o.isFail()) continue;
                Set<String> keep = new HashSet<>();
                for (JsonNode key : o.invoke().value()) keep.add(k(key));
                myPolls.keySet().retainAll(keep);
                mySends.keySet().retainAll(keep);
                continue;
            }
            Map<String, Integer> sentHere = new HashMap<>();
            for (int s = polls.sendStart[i]; s < polls.sendStart[i + 1]; s++) {
                String key = polls.sendKey[s];
                JsonNode v = polls.value[s];
                JsonNode off = polls.offset[s];
                int at = polls.sendAt[s];
                if (o.isOk() && off != null && off.isIntegralNumber() && (at < 0 || logs.offsets.get(key)[at] != off.longValue())) {
                    result.fail(LogAnomaly.INCONSISTENT_OFFSETS, "acknowledged send of " + v + " to key " + key + " at offset " + off + " is not in the log there");
                }
                if (o.isOk() && (at < 0 || !polls.polled.get(key)[at])) result.fail(LogAnomaly.UNSEEN, "acknowledged send of " + v + " to key " + key + " was never polled");
                if (o.isFail()) continue;
                // A send whose place is unknown (never polled) is no reference point for the next one.
                boolean within = sentHere.containsKey(key);
                Integer before = within ? sentHere.get(key) : mySends.get(key);
                if (at >= 0 && before != null && at <= before) {
                    result.fail(within ? LogAnomaly.INT_NONMONOTONIC_SEND : LogAnomaly.NONMONOTONIC_SEND,
                            "a producer's send of " + v + " to key " + key + " is not after its earlier one");
                }
                sentHere.put(key, at < 0 ? null : at);
            }
            if (!o.isFail()) mySends.putAll(sentHere);
            if (!o.isOk()) continue;
            Set<String> rebalanced = new HashSet<>();
            JsonNode rl = o.completePosition() < 0 ? null : h.events().extra(o.completePosition()).get("rebalance-log");
            if (rl != null) for (JsonNode ev : rl) if (ev.has("keys")) for (JsonNode key : ev.get("keys")) rebalanced.add(k(key));
            for (int g = polls.opStart[i]; g < polls.opStart[i + 1]; g++) {
                String key = polls.key[g];
                int prev = -2;
                for (int x = polls.start[g]; x < polls.start[g + 1]; x++) {
                    int at = polls.at[x];
                    if (at < 0) continue;
                    if (failedAt.containsKey(key) && failedAt.get(key)[at]) result.fail(LogAnomaly.G1A, "an ok poll returned " + logs.messages.get(key).get(at) + ", whose send failed");
                    if (prev == -2 && !subscribe) {
                        Integer last = myPolls.get(key);
                        if (last != null && at != last + 1) {
                            result.fail(at > last ? LogAnomaly.POLL_SKIP : LogAnomaly.NONMONOTONIC_POLL,
                                    "a consumer's poll of key " + key + " does not continue after " + logs.messages.get(key).get(last));
                        }
                    }
                    if (prev != -2 && at != prev + 1 && !rebalanced.contains(key)) {
                        result.fail(at > prev ? LogAnomaly.INT_POLL_SKIP : LogAnomaly.INT_NONMONOTONIC_POLL, "a poll of key " + key + " is not consecutive at "
                                + logs.messages.get(key).get(at));
                    }
                    prev = at;
                }
                if (prev >= 0) {
                    myPolls.put(key, prev);
                    highest.merge(key, prev, Math::max);
                }
            }
        }
        // Every message at or below the highest one an ok poll returned, sent by an operation that took effect, was polled.
        Map<String, Set<JsonNode>> tookEffect = null;
        for (var e : highest.entrySet()) {
            List<JsonNode> l = logs.messages.get(e.getKey());
            for (int i = 0; i <= e.getValue(); i++) {
                if (polls.polled.get(e.getKey())[i]) continue;
                if (tookEffect == null) tookEffect = tookEffect(ops, polls);
                if (tookEffect.getOrDefault(e.getKey(), Set.of()).contains(l.get(i))) {
                    result.fail(LogAnomaly.LOST_WRITE, "message " + l.get(i) + " of key " + e.getKey() + " is below a polled one and was never polled");
                }
            }
        }
        String cycle = LogCycleCheck.cycle(h, logs, polls, promise);
        if (cycle != null) result.fail(LogAnomaly.G1C, cycle);
        return result;
    }

    /** A verifier run on a thread of its own stops when its answer is no longer wanted. */
    static void stopIfCancelled(int i) {
        if ((i & 4095) == 0 && Thread.currentThread().isInterrupted()) throw new java.util.concurrent.CancellationException("the log verifier's answer is no longer needed");
    }

    /** Per key, the messages sent by an operation that took effect: ok, or info with one of its sends polled. */
    private static Map<String, Set<JsonNode>> tookEffect(List<Operation> ops, LogReading polls) {
        Map<String, Set<JsonNode>> out = new HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            if (!polls.sendsTookEffect(ops.get(i), i)) continue;
            for (int s = polls.sendStart[i]; s < polls.sendStart[i + 1]; s++) out.computeIfAbsent(polls.sendKey[s], x -> new HashSet<>()).add(polls.value[s]);
        }
        return out;
    }

    /** An operation's micro-ops: its completion's when they are there (a poll's results), else its invocation's. */
    static JsonNode micro(Operation o) {
        JsonNode c = o.completion() == null ? null : o.completion().value();
        JsonNode v = c != null && c.isArray() && !c.isEmpty() ? c : o.invoke().value();
        return v.isArray() ? v : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** A completed send's value is [offset v]; an invocation's is v itself. */
    static JsonNode payload(JsonNode sent, boolean completed) {
        return completed && sent.isArray() && sent.size() == 2 && (sent.get(0).isIntegralNumber() || sent.get(0).isNull()) ? sent.get(1) : sent;
    }

    static String text(JsonNode m, int i) {
        return m.isArray() && m.size() > i && m.get(i).isTextual() ? m.get(i).textValue() : "";
    }

    static String k(JsonNode key) {
        return key.isTextual() ? key.textValue() : key.isIntegralNumber() ? Long.toString(key.longValue()) : key.toString();
    }

    static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode obj) {
        return obj::fields;
    }
}
