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

    /**
     * Every poll's messages read once from the JSON, as positions in the claimed logs: per operation
     * its polled keys in order ({@code opStart[i] .. opStart[i+1]}), per key the positions
     * ({@code at[start[g] .. start[g+1]]}, -1 where the message is not in the log at that offset).
     * Reading them checks what needs only the poll itself: each message is in the log at its offset,
     * and no ok poll returns what its own operation sent. Which messages ok polls returned is kept.
     */
    static final class Polls {
        int[] opStart;
        String[] key = new String[1024];
        int[] start = new int[1025];
        int[] at = new int[4096];
        final Map<String, boolean[]> polled = new HashMap<>();

        static Polls read(List<Operation> ops, Logs logs, Result result) {
            Polls p = new Polls();
            for (Map.Entry<String, List<JsonNode>> e : logs.messages.entrySet()) p.polled.put(e.getKey(), new boolean[e.getValue().size()]);
            p.opStart = new int[ops.size() + 1];
            int groups = 0;
            int n = 0;
            for (int i = 0; i < ops.size(); i++) {
                stopIfCancelled(i);
                Operation o = ops.get(i);
                p.opStart[i] = groups;
                List<String> ownKeys = new ArrayList<>();
                List<Integer> ownAt = new ArrayList<>();
                for (JsonNode m : micro(o)) {
                    if (!o.isOk() || !text(m, 0).equals("send")) continue;
                    String key = k(m.get(1));
                    ownKeys.add(key);
                    ownAt.add(logs.position(key, payload(m.get(2), o.completion() != null)));
                }
                for (JsonNode m : micro(o)) {
                    if (!text(m, 0).equals("poll") || m.size() != 2) continue;
                    for (var f : iterable(m.get(1))) {
                        String key = f.getKey();
                        if (groups + 1 >= p.key.length) {
                            p.key = java.util.Arrays.copyOf(p.key, groups * 2);
                            p.start = java.util.Arrays.copyOf(p.start, groups * 2 + 1);
                        }
                        p.key[groups] = key;
                        p.start[groups] = n;
                        long[] offs = logs.offsets.get(key);
                        for (JsonNode pair : f.getValue()) {
                            int at = logs.position(key, pair.get(1));
                            if (at < 0 || offs[at] != pair.get(0).longValue()) {
                                result.fail(LogAnomaly.INCONSISTENT_OFFSETS, "a poll of key " + key + " returned " + pair + ", not in the log");
                                at = -1;
                            } else if (o.isOk()) {
                                p.polled.get(key)[at] = true;
                                for (int s = 0; s < ownKeys.size(); s++) {
                                    if (ownAt.get(s) == at && ownKeys.get(s).equals(key)) result.fail(LogAnomaly.PRECOMMITTED_READ, "an operation polled its own send of " + pair.get(1));
                                }
                            }
                            if (n == p.at.length) p.at = java.util.Arrays.copyOf(p.at, n * 2);
                            p.at[n++] = at;
                        }
                        groups++;
                        p.start[groups] = n;
                    }
                }
            }
            p.opStart[ops.size()] = groups;
            return p;
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
        Polls polls = Polls.read(ops, logs, result);
        Map<String, boolean[]> failedAt = new HashMap<>();
        for (Operation o : ops) {
            if (!o.isFail()) continue;
            for (JsonNode m : micro(o)) {
                if (!text(m, 0).equals("send")) continue;
                String key = k(m.get(1));
                int at = logs.position(key, payload(m.get(2), false));
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
            for (JsonNode m : micro(o)) {
                if (!text(m, 0).equals("send")) continue;
                String key = k(m.get(1));
                JsonNode v = payload(m.get(2), o.completion() != null);
                JsonNode off = m.get(2).isArray() && m.get(2).size() == 2 && o.completion() != null ? m.get(2).get(0) : null;
                int at = logs.position(key, v);
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
            JsonNode rl = o.completion() == null ? null : o.completion().extra().get("rebalance-log");
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
                if (tookEffect == null) tookEffect = tookEffect(h, logs, polls.polled);
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
    private static Map<String, Set<JsonNode>> tookEffect(History h, Logs logs, Map<String, boolean[]> polled) {
        Map<String, Set<JsonNode>> out = new HashMap<>();
        for (Operation o : h.operations()) {
            if (!sendsTookEffect(o, logs, polled)) continue;
            for (JsonNode m : micro(o)) if (text(m, 0).equals("send")) out.computeIfAbsent(k(m.get(1)), x -> new HashSet<>()).add(payload(m.get(2), o.completion() != null));
        }
        return out;
    }

    /** Whether an operation's sends took effect: it is ok, or info with one of its sends polled. */
    static boolean sendsTookEffect(Operation o, Logs logs, Map<String, boolean[]> polled) {
        if (o.isOk()) return true;
        if (!o.isInfo()) return false;
        for (JsonNode m : micro(o)) {
            if (!text(m, 0).equals("send")) continue;
            String key = k(m.get(1));
            int at = logs.position(key, payload(m.get(2), o.completion() != null));
            if (at >= 0 && polled.get(key)[at]) return true;
        }
        return false;
    }

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
