package dev.ariadne.checker.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.report.LogAnomaly;
import dev.ariadne.checker.search.LongIntMap;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analyses of Jepsen's Kafka checker ({@code jepsen.tests.kafka}: version orders, aborted and
 * precommitted reads, lost writes, skips and reversals within an operation and between a consumer's
 * or producer's operations, duplicates, unseen messages), each error with the few operations that
 * prove it: the operations showing each message at its offset, and the ones that read or sent it.
 * Works on the interned columns of {@link LogTable}: linear in the polled messages.
 */
final class LogAnalysis {

    /** One error found: what, on which key, which messages, and the operations that show it. */
    record Finding(LogAnomaly anomaly, String key, List<JsonNode> values, List<Operation> ops, String why) {}

    final LogTable t;
    final VersionOrders orders;
    final boolean subscribe;
    final List<Finding> findings = new ArrayList<>();
    /** Per message: the first operation that showed it at an offset (a poll, or a send that took effect), -1 when none. */
    private final int[] placer;
    private final Map<LogAnomaly, Integer> counts = new EnumMap<>(LogAnomaly.class);

    LogAnalysis(History h) {
        this(new LogTable(h), LogPromise.KAFKA);
    }

    /** The analyses, with the cycles the promise forbids. */
    LogAnalysis(LogTable t, LogPromise promise) {
        this(t);
        cycles(promise);
    }

    /** The analyses without the cycles ({@link #cycles} adds them). */
    LogAnalysis(LogTable t) {
        this.t = t;
        subscribe = t.subscribe;
        orders = new VersionOrders(t);
        placer = new int[t.messages];
        Arrays.fill(placer, -1);
        for (int i = 0; i < t.n; i++) {
            for (int g = t.groupStart[i]; g < t.groupStart[i + 1]; g++) for (int p = t.pollStart[g]; p < t.pollStart[g + 1]; p++) if (placer[t.pollMsg[p]] < 0) placer[t.pollMsg[p]] = i;
            if (!t.effective[i]) continue;
            for (int s = t.sendStart[i]; s < t.sendStart[i + 1]; s++) if (t.sendOffset[s] != LogTable.NO_OFFSET && placer[t.sendMsg[s]] < 0) placer[t.sendMsg[s]] = i;
        }
        offsets();
        readsOfFailedAndOwnSends();
        lostWrites();
        withinOperations();
        perProcess();
        unseen();
    }

    /** Adds the cycles the promise forbids. */
    void cycles(LogPromise promise) {
        for (LogCycles.Cycle c : LogCycles.find(t, orders, LogCycles.Edges.of(promise), LogChecker.SHOWN)) {
            add(c.anomaly(), "", List.of(), c.ops(), c.why());
        }
    }

    /** Whether an error the promise does not allow was found. */
    boolean forbidden() {
        for (Finding f : findings) if (!f.anomaly().allowed(subscribe)) return true;
        return false;
    }

    private void add(LogAnomaly a, String key, List<JsonNode> values, int[] opIndices, String why) {
        List<Integer> ops = new ArrayList<>();
        for (int o : opIndices) if (o >= 0 && !ops.contains(o)) ops.add(o);
        List<Operation> distinct = new ArrayList<>();
        for (int o : ops) distinct.add(t.ops.get(o));
        distinct.sort((x, y) -> Integer.compare(x.invokePosition(), y.invokePosition()));
        findings.add(new Finding(a, key, values, distinct, why));
        counts.merge(a, 1, Integer::sum);
    }

    private JsonNode value(int m) {
        return t.msgValue[m];
    }

    private String keyName(int k) {
        return t.keyNames.get(k);
    }

    /** Whether findings of this kind are still among those shown: beyond them, the operations that prove one are not looked up (a scan of the history each). */
    private boolean detailed(LogAnomaly a) {
        return counts.getOrDefault(a, 0) < LogChecker.SHOWN;
    }

    private void offsets() {
        for (int k = 0; k < t.keys(); k++) {
            Map<Integer, List<Long>> at = new LinkedHashMap<>();
            for (int i = 0; i < orders.size(k); i++) {
                int c = orders.messagesAt(k, i);
                for (int j = 0; j < c; j++) {
                    int m = orders.messageAt(k, i, j);
                    if (orders.firstIndex[m] != orders.lastIndex[m]) at.computeIfAbsent(m, x -> new ArrayList<>()).add(orders.offset(k, i));
                }
                if (c < 2) continue;
                List<JsonNode> vs = new ArrayList<>();
                int[] shown = new int[c];
                for (int j = 0; j < c; j++) {
                    int m = orders.messageAt(k, i, j);
                    vs.add(value(m));
                    shown[j] = detailed(LogAnomaly.INCONSISTENT_OFFSETS) ? showing(k, orders.offset(k, i), m) : -1;
                }
                add(LogAnomaly.INCONSISTENT_OFFSETS, keyName(k), vs, shown, "offset " + orders.offset(k, i) + " of key " + keyName(k) + " holds " + c + " different messages");
            }
            for (Map.Entry<Integer, List<Long>> v : at.entrySet()) {
                int m = v.getKey();
                int[] shown = new int[v.getValue().size()];
                Arrays.fill(shown, -1);
                if (detailed(LogAnomaly.DUPLICATE)) for (int j = 0; j < shown.length; j++) shown[j] = showing(k, v.getValue().get(j), m);
                add(LogAnomaly.DUPLICATE, keyName(k), List.of(value(m)), shown, "message " + value(m) + " of key " + keyName(k) + " is at offsets " + v.getValue());
            }
        }
    }

    /** An operation that shows message m at that offset of key k (a scan of the history). */
    private int showing(int k, long offset, int m) {
        for (int i = 0; i < t.n; i++) {
            for (int g = t.groupStart[i]; g < t.groupStart[i + 1]; g++) {
                if (t.groupKey[g] != k) continue;
                for (int p = t.pollStart[g]; p < t.pollStart[g + 1]; p++) if (t.pollOffset[p] == offset && t.pollMsg[p] == m) return i;
            }
            if (!t.effective[i]) continue;
            for (int s = t.sendStart[i]; s < t.sendStart[i + 1]; s++) if (t.sendMsg[s] == m && t.sendOffset[s] == offset) return i;
        }
        return -1;
    }

    private void readsOfFailedAndOwnSends() {
        for (int i = 0; i < t.n; i++) {
            if (!t.ok(i)) continue;
            for (int g = t.groupStart[i]; g < t.groupStart[i + 1]; g++) {
                for (int p = t.pollStart[g]; p < t.pollStart[g + 1]; p++) {
                    int m = t.pollMsg[p];
                    int w = t.writer[m];
                    String k = keyName(t.groupKey[g]);
                    if (w >= 0 && t.failed(w)) {
                        add(LogAnomaly.G1A, k, List.of(value(m)), new int[] {w, i}, "message " + value(m) + " of key " + k + " was polled though its send failed");
                    }
                    if (w == i) {
                        add(LogAnomaly.PRECOMMITTED_READ, k, List.of(value(m)), new int[] {i}, "the operation polled message " + value(m) + " of key " + k + ", which it sent itself");
                    }
                }
            }
        }
    }

    private void lostWrites() {
        // Per key: the highest index among the messages ok operations polled, the message there, and the first ok operation that polled it.
        int keys = t.keys();
        int[] bound = new int[keys];
        int[] top = new int[keys];
        int[] reader = new int[keys];
        Arrays.fill(bound, -1);
        Arrays.fill(reader, -1);
        for (int m = 0; m < t.messages; m++) {
            int k = t.msgKey[m];
            if (t.polledOk[m] && orders.firstIndex[m] > bound[k]) {
                bound[k] = orders.firstIndex[m];
                top[k] = m;
            }
        }
        for (int i = 0; i < t.n; i++) {
            if (!t.ok(i)) continue;
            for (int g = t.groupStart[i]; g < t.groupStart[i + 1]; g++) {
                int k = t.groupKey[g];
                if (reader[k] >= 0 || bound[k] < 0) continue;
                for (int p = t.pollStart[g]; p < t.pollStart[g + 1]; p++) if (t.pollMsg[p] == top[k]) reader[k] = i;
            }
        }
        for (int m = 0; m < t.messages; m++) {
            int k = t.msgKey[m];
            if (bound[k] < 0 || orders.lastIndex[m] < 0 || orders.lastIndex[m] > bound[k] || t.polledOk[m]) continue;
            int w = t.writer[m];
            if (w < 0 || !t.effective[w]) continue;
            add(LogAnomaly.LOST_WRITE, keyName(k), List.of(value(m), value(top[k])), new int[] {w, placer[m], reader[k]}, "message " + value(m) + " of key "
                    + keyName(k) + " is at index " + orders.firstIndex[m] + ", below index " + bound[k] + " (message " + value(top[k])
                    + ") that an ok poll reached, yet no ok poll returned it");
        }
    }

    private void withinOperations() {
        int[] lastSendOfKey = new int[t.keys()];
        int[] stamp = new int[t.keys()];
        for (int i = 0; i < t.n; i++) {
            if (t.history.completePosition(i) < 0) continue;
            for (int g = t.groupStart[i]; g < t.groupStart[i + 1]; g++) {
                int k = t.groupKey[g];
                if (t.rebalanced(i, k)) continue;
                for (int p = t.pollStart[g] + 1; p < t.pollStart[g + 1]; p++) {
                    judge(k, t.pollMsg[p - 1], t.pollMsg[p], LogAnomaly.INT_POLL_SKIP, LogAnomaly.INT_NONMONOTONIC_POLL, "polled", new int[] {i}, "within one operation");
                }
            }
            for (int s = t.sendStart[i]; s < t.sendStart[i + 1]; s++) {
                int k = t.msgKey[t.sendMsg[s]];
                if (stamp[k] == i + 1) {
                    judge(k, t.sendMsg[lastSendOfKey[k]], t.sendMsg[s], LogAnomaly.INT_SEND_SKIP, LogAnomaly.INT_NONMONOTONIC_SEND, "sent", new int[] {i}, "within one operation");
                }
                stamp[k] = i + 1;
                lastSendOfKey[k] = s;
            }
        }
    }

    /** Two messages one after the other: a skip when more than one index apart, a reversal when not after. */
    private void judge(int k, int m1, int m2, LogAnomaly skip, LogAnomaly back, String verb, int[] by, String where) {
        int i1 = orders.firstIndex[m1];
        int i2 = orders.firstIndex[m2];
        if (i1 < 0 || i2 < 0) return;
        int delta = i2 - i1;
        if (delta == 1 || delta > 1 && skip == null) return;
        String pair = " of key " + keyName(k) + ": " + verb + " " + value(m1) + " (index " + i1 + ") then " + value(m2) + " (index " + i2 + ") " + where;
        int[] shown = Arrays.copyOf(by, by.length + 3);
        if (delta > 1) {
            int skipped = orders.messageAt(k, i1 + 1);
            shown[by.length] = placer[m1];
            shown[by.length + 1] = placer[skipped];
            shown[by.length + 2] = placer[m2];
            add(skip, keyName(k), List.of(value(m1), value(m2), value(skipped)), shown, "skipped " + (delta - 1) + " message" + (delta == 2 ? "" : "s") + pair
                    + ": " + value(skipped) + " is at index " + (i1 + 1));
        } else {
            shown[by.length] = placer[m1];
            shown[by.length + 1] = placer[m2];
            shown[by.length + 2] = -1;
            add(back, keyName(k), List.of(value(m1), value(m2)), shown, "went back " + (1 - delta) + (delta == 0 ? " (the same message again)" : "") + pair);
        }
    }

    /**
     * Each consumer's successive polls and each producer's successive sends, per key. A consumer's
     * place is kept per (process, key) as the last operation that polled or sent there; an
     * {@code assign} or {@code subscribe} forgets the keys it does not name.
     */
    private void perProcess() {
        LongIntMap lastRead = new LongIntMap(1024);
        LongIntMap lastSent = new LongIntMap(1024);
        Map<Integer, List<Integer>> touched = new java.util.HashMap<>();
        int[] stamp = new int[t.keys()];
        for (int i = 0; i < t.n; i++) {
            int process = t.history.process(i);
            long proc = (long) process << 32;
            if (t.assigned[i] != null) {
                if (t.failed(i)) continue;
                List<Integer> keys = touched.get(process);
                if (keys == null) continue;
                for (int k : keys) {
                    boolean keep = false;
                    for (int a : t.assigned[i]) keep |= a == k;
                    if (!keep) {
                        lastRead.put(proc | k, 0);
                        lastSent.put(proc | k, 0);
                    }
                }
                continue;
            }
            for (int g = t.groupStart[i]; g < t.groupStart[i + 1]; g++) {
                int last = lastRead.get(proc | t.groupKey[g]) - 1;
                if (last < 0 || t.pollStart[g] == t.pollStart[g + 1]) continue;
                int prev = lastPolled(last, t.groupKey[g]);
                judge(t.groupKey[g], prev, t.pollMsg[t.pollStart[g]], LogAnomaly.POLL_SKIP, LogAnomaly.NONMONOTONIC_POLL, "polled", new int[] {last, i},
                        "in two successive polls of one consumer");
            }
            if (t.ok(i)) {
                for (int g = t.groupStart[i]; g < t.groupStart[i + 1]; g++) {
                    if (t.pollStart[g] == t.pollStart[g + 1]) continue;
                    touch(touched, process, t.groupKey[g], lastRead.get(proc | t.groupKey[g]) < 0 && lastSent.get(proc | t.groupKey[g]) < 0);
                    lastRead.put(proc | t.groupKey[g], i + 1);
                }
            }
            if (t.failed(i)) continue;
            for (int s = t.sendStart[i]; s < t.sendStart[i + 1]; s++) {
                int k = t.msgKey[t.sendMsg[s]];
                if (stamp[k] == i + 1) continue; // only the first send of each key is judged against the last operation
                stamp[k] = i + 1;
                int last = lastSent.get(proc | k) - 1;
                if (last >= 0) {
                    judge(k, lastSentTo(last, k), t.sendMsg[s], null, LogAnomaly.NONMONOTONIC_SEND, "sent", new int[] {last, i}, "in two successive sends of one producer");
                }
            }
            for (int s = t.sendStart[i]; s < t.sendStart[i + 1]; s++) {
                int k = t.msgKey[t.sendMsg[s]];
                touch(touched, process, k, lastRead.get(proc | k) < 0 && lastSent.get(proc | k) < 0);
                lastSent.put(proc | k, i + 1);
            }
        }
    }

    private static void touch(Map<Integer, List<Integer>> touched, int process, int k, boolean first) {
        if (first) touched.computeIfAbsent(process, x -> new ArrayList<>()).add(k);
    }

    /** The last message operation i polled of key k. */
    private int lastPolled(int i, int k) {
        int found = -1;
        for (int g = t.groupStart[i]; g < t.groupStart[i + 1]; g++) if (t.groupKey[g] == k && t.pollStart[g + 1] > t.pollStart[g]) found = t.pollMsg[t.pollStart[g + 1] - 1];
        return found;
    }

    /** The last message operation i sent to key k. */
    private int lastSentTo(int i, int k) {
        int found = -1;
        for (int s = t.sendStart[i]; s < t.sendStart[i + 1]; s++) if (t.msgKey[t.sendMsg[s]] == k) found = t.sendMsg[s];
        return found;
    }

    private void unseen() {
        for (int i = 0; i < t.n; i++) {
            if (!t.ok(i)) continue;
            for (int s = t.sendStart[i]; s < t.sendStart[i + 1]; s++) {
                int m = t.sendMsg[s];
                if (t.polledOk[m]) continue;
                String k = keyName(t.msgKey[m]);
                add(LogAnomaly.UNSEEN, k, List.of(value(m)), new int[] {i}, "message " + value(m) + " of key " + k + " was acknowledged"
                        + (t.sendOffset[s] == LogTable.NO_OFFSET ? "" : " at offset " + t.sendOffset[s]) + ", and no ok poll returned it");
            }
        }
    }
}
