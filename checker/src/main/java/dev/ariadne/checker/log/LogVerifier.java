package dev.ariadne.checker.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.report.LogAnomaly;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;

import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * forward; every acknowledged message is polled. Quadratic where that is simplest: it runs once.
 */
final class LogVerifier {
    private LogVerifier() {}

    /** What the check found: each broken promise by the error it is, and the first one's description (null when none). */
    static final class Result {
        final java.util.EnumSet<LogAnomaly> broken = java.util.EnumSet.noneOf(LogAnomaly.class);
        String first;

        void fail(LogAnomaly a, String why) {
            broken.add(a);
            if (first == null) first = why;
        }
    }

    /** Null when the logs and the history agree, else what fails first. */
    static String verify(History h, VersionOrders orders, boolean subscribe) {
        return check(h, orders, subscribe).first;
    }

    /** Every promise the logs and the history break (the logs' own malformations stop the check there). */
    static Result check(History h, VersionOrders orders, boolean subscribe) {
        Result result = new Result();
        // The claimed logs, as plain position lists: per key the messages in offset order and their offsets.
        Map<String, List<JsonNode>> log = new HashMap<>();
        Map<String, List<Long>> offs = new HashMap<>();
        Map<String, Map<JsonNode, Integer>> pos = new HashMap<>();
        for (Map.Entry<String, VersionOrders.Log> e : orders.logs.entrySet()) {
            List<JsonNode> vs = new ArrayList<>();
            List<Long> os = new ArrayList<>();
            for (Map.Entry<Long, Set<JsonNode>> o : e.getValue().byOffset.entrySet()) {
                if (o.getValue().size() != 1) {
                    result.fail(LogAnomaly.INCONSISTENT_OFFSETS, "offset " + o.getKey() + " of key " + e.getKey() + " holds " + o.getValue().size() + " messages");
                    continue;
                }
                JsonNode v = o.getValue().iterator().next();
                if (pos.computeIfAbsent(e.getKey(), x -> new HashMap<>()).putIfAbsent(v, vs.size()) != null) {
                    result.fail(LogAnomaly.DUPLICATE, "message " + v + " of key " + e.getKey() + " is at two offsets");
                    continue;
                }
                vs.add(v);
                os.add(o.getKey());
            }
            log.put(e.getKey(), vs);
            offs.put(e.getKey(), os);
        }
        // Positions are ambiguous in a malformed log: nothing more to judge.
        if (!result.broken.isEmpty()) return result;
        Set<M> failedSends = new HashSet<>();
        Set<M> polled = new HashSet<>();
        for (Operation o : h.operations()) {
            for (JsonNode m : micro(o)) {
                if (text(m, 0).equals("send") && o.isFail()) failedSends.add(new M(k(m.get(1)), payload(m.get(2), false)));
                if (text(m, 0).equals("poll") && o.isOk() && m.size() == 2) {
                    for (var f : iterable(m.get(1))) for (JsonNode p : f.getValue()) polled.add(new M(f.getKey(), p.get(1)));
                }
            }
        }
        Map<String, JsonNode> lastPolled = new HashMap<>();
        Map<String, Integer> highest = new HashMap<>();
        Map<String, Integer> lastSent = new HashMap<>();
        for (Operation o : h.operations()) {
            String f = o.f() == null ? "" : o.f();
            if (f.equals("assign") || f.equals("subscribe")) {
                if (o.isFail()) continue;
                Set<String> keep = new HashSet<>();
                for (JsonNode key : o.invoke().value()) keep.add(o.process() + "/" + k(key));
                lastPolled.keySet().removeIf(pk -> pk.startsWith(o.process() + "/") && !keep.contains(pk));
                lastSent.keySet().removeIf(pk -> pk.startsWith(o.process() + "/") && !keep.contains(pk));
                continue;
            }
            Set<String> rebalanced = new HashSet<>();
            JsonNode rl = o.completion() == null ? null : o.completion().extra().get("rebalance-log");
            if (rl != null) for (JsonNode ev : rl) if (ev.has("keys")) for (JsonNode key : ev.get("keys")) rebalanced.add(k(key));
            Map<String, Integer> sentHere = new HashMap<>();
            for (JsonNode m : micro(o)) {
                String mf = text(m, 0);
                if (mf.equals("send")) {
                    String key = k(m.get(1));
                    JsonNode v = payload(m.get(2), o.completion() != null);
                    JsonNode off = m.get(2).isArray() && m.get(2).size() == 2 && o.completion() != null ? m.get(2).get(0) : null;
                    List<JsonNode> l = log.getOrDefault(key, List.of());
                    int at = pos.getOrDefault(key, Map.of()).getOrDefault(v, -1);
                    if (o.isOk() && off != null && off.isIntegralNumber() && (at < 0 || offs.get(key).get(at) != off.longValue())) {
                        result.fail(LogAnomaly.INCONSISTENT_OFFSETS, "acknowledged send of " + v + " to key " + key + " at offset " + off + " is not in the log there");
                    }
                    if (o.isOk() && !polled.contains(new M(key, v))) result.fail(LogAnomaly.UNSEEN, "acknowledged send of " + v + " to key " + key + " was never polled");
                    if (o.isFail()) continue;
                    // A send whose place is unknown (never polled) is no reference point for the next one.
                    boolean within = sentHere.containsKey(key);
                    Integer before = within ? sentHere.get(key) : lastSent.get(o.process() + "/" + key);
                    if (at >= 0 && before != null && at <= before) {
                        result.fail(within ? LogAnomaly.INT_NONMONOTONIC_SEND : LogAnomaly.NONMONOTONIC_SEND,
                                "a producer's send of " + v + " to key " + key + " is not after its earlier one");
                    }
                    sentHere.put(key, at < 0 ? null : at);
                } else if (mf.equals("poll") && m.size() == 2) {
                    for (var e : iterable(m.get(1))) {
                        String key = e.getKey();
                        List<JsonNode> l = log.getOrDefault(key, List.of());
                        int prev = -2;
                        for (JsonNode p : e.getValue()) {
                            int at = pos.getOrDefault(key, Map.of()).getOrDefault(p.get(1), -1);
                            if (at < 0 || offs.get(key).get(at) != p.get(0).longValue()) {
                                result.fail(LogAnomaly.INCONSISTENT_OFFSETS, "a poll of key " + key + " returned " + p + ", not in the log");
                                continue;
                            }
                            if (!o.isOk()) continue;
                            if (failedSends.contains(new M(key, p.get(1)))) result.fail(LogAnomaly.G1A, "an ok poll returned " + p.get(1) + ", whose send failed");
                            if (sentBy(o, key, p.get(1))) result.fail(LogAnomaly.PRECOMMITTED_READ, "an operation polled its own send of " + p.get(1));
                            if (prev == -2 && !subscribe) {
                                JsonNode last = lastPolled.get(o.process() + "/" + key);
                                int after = last == null ? -1 : pos.get(key).get(last);
                                if (last != null && at != after + 1) {
                                    result.fail(at > after ? LogAnomaly.POLL_SKIP : LogAnomaly.NONMONOTONIC_POLL,
                                            "a consumer's poll of key " + key + " does not continue after " + last);
                                }
                            }
                            if (prev != -2 && at != prev + 1 && !rebalanced.contains(key)) {
                                result.fail(at > prev ? LogAnomaly.INT_POLL_SKIP : LogAnomaly.INT_NONMONOTONIC_POLL, "a poll of key " + key + " is not consecutive at " + p);
                            }
                            prev = at;
                        }
                        if (o.isOk() && prev >= 0) {
                            lastPolled.put(o.process() + "/" + key, l.get(prev));
                            highest.merge(key, prev, Math::max);
                        }
                    }
                }
            }
            if (!o.isFail()) for (var e : sentHere.entrySet()) lastSent.put(o.process() + "/" + e.getKey(), e.getValue());
        }
        // Every message at or below the highest one an ok poll returned, sent by an operation that took effect, was polled.
        for (var e : highest.entrySet()) {
            List<JsonNode> l = log.get(e.getKey());
            for (int i = 0; i <= e.getValue(); i++) {
                if (!polled.contains(new M(e.getKey(), l.get(i))) && tookEffect(h, e.getKey(), l.get(i), polled)) {
                    result.fail(LogAnomaly.LOST_WRITE, "message " + l.get(i) + " of key " + e.getKey() + " is below a polled one and was never polled");
                }
            }
        }
        if (cyclic(h, polled)) result.fail(LogAnomaly.G1C, "the sends and polls, with each process's order and real time, form a cycle");
        return result;
    }

    /**
     * Whether "sent a message another polled", each process's order and real time (returned before the
     * other was invoked) leave the operations that took effect in a cycle: Kahn's algorithm on those edges.
     */
    private static boolean cyclic(History h, Set<M> polled) {
        List<Operation> nodes = new ArrayList<>();
        Map<M, Integer> sender = new HashMap<>();
        for (Operation o : h.operations()) {
            String f = o.f() == null ? "" : o.f();
            if (!f.equals("send") && !f.equals("poll") && !f.equals("txn")) continue;
            boolean sendsPolled = false;
            for (JsonNode m : micro(o)) if (text(m, 0).equals("send") && polled.contains(new M(k(m.get(1)), payload(m.get(2), o.completion() != null)))) sendsPolled = true;
            if (!o.isOk() && !(o.isInfo() && sendsPolled)) continue;
            for (JsonNode m : micro(o)) if (text(m, 0).equals("send")) sender.putIfAbsent(new M(k(m.get(1)), payload(m.get(2), o.completion() != null)), nodes.size());
            nodes.add(o);
        }
        int n = nodes.size();
        List<List<Integer>> next = new ArrayList<>();
        for (int i = 0; i < n; i++) next.add(new ArrayList<>());
        Map<Integer, Integer> lastOfProcess = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Operation o = nodes.get(i);
            Integer before = lastOfProcess.put(o.process(), i);
            if (before != null) next.get(before).add(i);
            if (!o.isOk()) continue;
            for (JsonNode m : micro(o)) {
                if (!text(m, 0).equals("poll") || m.size() != 2) continue;
                for (var e : iterable(m.get(1))) for (JsonNode p : e.getValue()) {
                    Integer w = sender.get(new M(e.getKey(), p.get(1)));
                    if (w != null && w != i) next.get(w).add(i);
                }
            }
        }
        // Real time: by position, every operation returned and not yet followed by another returned one precedes each invocation.
        Integer[] byInvoke = new Integer[n];
        Integer[] byReturn = new Integer[n];
        for (int i = 0; i < n; i++) byInvoke[i] = byReturn[i] = i;
        java.util.Arrays.sort(byInvoke, (a, b) -> Integer.compare(nodes.get(a).invokePosition(), nodes.get(b).invokePosition()));
        java.util.Arrays.sort(byReturn, (a, b) -> Integer.compare(nodes.get(a).returnPosition(), nodes.get(b).returnPosition()));
        List<Integer> returned = new ArrayList<>();
        int r = 0;
        for (int b : byInvoke) {
            int at = nodes.get(b).invokePosition();
            while (r < n && nodes.get(byReturn[r]).returnPosition() < at) {
                int c = byReturn[r++];
                returned.removeIf(a -> nodes.get(a).returnPosition() < nodes.get(c).invokePosition());
                returned.add(c);
            }
            for (int a : returned) next.get(a).add(b);
        }
        int[] in = new int[n];
        for (List<Integer> es : next) for (int t : es) in[t]++;
        ArrayDeque<Integer> q = new ArrayDeque<>();
        for (int i = 0; i < n; i++) if (in[i] == 0) q.add(i);
        int removed = 0;
        while (!q.isEmpty()) {
            int x = q.poll();
            removed++;
            for (int t : next.get(x)) if (--in[t] == 0) q.add(t);
        }
        return removed < n;
    }

    /** A message of a key, compared by the key and the message's JSON value. */
    private record M(String key, JsonNode value) {}

    private static boolean tookEffect(History h, String key, JsonNode v, Set<M> polled) {
        for (Operation o : h.operations()) {
            boolean sends = false;
            boolean seen = false;
            for (JsonNode m : micro(o)) {
                if (!text(m, 0).equals("send")) continue;
                if (k(m.get(1)).equals(key) && payload(m.get(2), o.completion() != null).equals(v)) sends = true;
                if (polled.contains(new M(k(m.get(1)), payload(m.get(2), o.completion() != null)))) seen = true;
            }
            if (sends) return o.isOk() || o.isInfo() && seen;
        }
        return false;
    }

    private static boolean sentBy(Operation o, String key, JsonNode v) {
        for (JsonNode m : micro(o)) if (text(m, 0).equals("send") && k(m.get(1)).equals(key) && payload(m.get(2), true).equals(v)) return true;
        return false;
    }

    private static JsonNode micro(Operation o) {
        JsonNode c = o.completion() == null ? null : o.completion().value();
        JsonNode v = c != null && c.isArray() && !c.isEmpty() ? c : o.invoke().value();
        return v.isArray() ? v : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** A completed send's value is [offset v]; an invocation's is v itself. */
    private static JsonNode payload(JsonNode sent, boolean completed) {
        return completed && sent.isArray() && sent.size() == 2 && (sent.get(0).isIntegralNumber() || sent.get(0).isNull()) ? sent.get(1) : sent;
    }

    private static String text(JsonNode m, int i) {
        return m.isArray() && m.size() > i && m.get(i).isTextual() ? m.get(i).textValue() : "";
    }

    private static String k(JsonNode key) {
        return key.isTextual() ? key.textValue() : key.isIntegralNumber() ? Long.toString(key.longValue()) : key.toString();
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode obj) {
        return obj::fields;
    }
}
