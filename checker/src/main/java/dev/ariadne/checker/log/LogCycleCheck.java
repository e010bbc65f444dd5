package dev.ariadne.checker.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The verifier's own acyclicity check (written apart from {@link LogCycles}, from the raw JSON and
 * the claimed logs): whether the edges a promise draws between the operations that took effect
 * leave a cycle, by Kahn's algorithm. Always "sent a message another polled" (wr); for Kafka's
 * promise each process's order and real time (returned before the other was invoked); for
 * serializable transactions the sender of each message before the sender of the next (ww) and a
 * poll that stopped at a message before the sender of the next (rw), with real time when strict.
 */
final class LogCycleCheck {
    private LogCycleCheck() {}

    /** A sentence naming the cycle's edges, or null when there is none. */
    static String cycle(History h, LogVerifier.Logs logs, LogReading polls, LogPromise promise) {
        List<Operation> all = h.operations();
        List<Operation> nodes = new ArrayList<>();
        int[] nodeOp = new int[all.size()];
        Map<String, int[]> sender = new HashMap<>();
        for (Map.Entry<String, List<JsonNode>> e : logs.messages.entrySet()) {
            int[] s = new int[e.getValue().size()];
            Arrays.fill(s, -1);
            sender.put(e.getKey(), s);
        }
        for (int i = 0; i < all.size(); i++) {
            LogVerifier.stopIfCancelled(i);
            Operation o = all.get(i);
            String f = o.f() == null ? "" : o.f();
            if (!f.equals("send") && !f.equals("poll") && !f.equals("txn")) continue;
            if (!polls.sendsTookEffect(o, i)) continue;
            for (int s = polls.sendStart[i]; s < polls.sendStart[i + 1]; s++) {
                int at = polls.sendAt[s];
                if (at >= 0) sender.get(polls.sendKey[s])[at] = nodes.size();
            }
            nodeOp[nodes.size()] = i;
            nodes.add(o);
        }
        int n = nodes.size();
        Pairs edges = new Pairs();
        boolean transactional = promise != LogPromise.KAFKA;
        for (int i = 0; i < n; i++) {
            Operation o = nodes.get(i);
            if (!o.isOk()) continue;
            for (int g = polls.opStart[nodeOp[i]]; g < polls.opStart[nodeOp[i] + 1]; g++) {
                int[] s = sender.get(polls.key[g]);
                int highest = -1;
                for (int x = polls.start[g]; x < polls.start[g + 1]; x++) {
                    int at = polls.at[x];
                    if (at < 0) continue;
                    highest = Math.max(highest, at);
                    if (s[at] >= 0 && s[at] != i) edges.add(s[at], i);
                }
                if (transactional && highest >= 0 && highest + 1 < s.length && s[highest + 1] >= 0 && s[highest + 1] != i) edges.add(i, s[highest + 1]);
            }
        }
        if (transactional) {
            for (int[] s : sender.values()) for (int j = 1; j < s.length; j++) if (s[j - 1] >= 0 && s[j] >= 0 && s[j - 1] != s[j]) edges.add(s[j - 1], s[j]);
        } else {
            Map<Integer, Integer> lastOfProcess = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Integer before = lastOfProcess.put(nodes.get(i).process(), i);
                if (before != null) edges.add(before, i);
            }
        }
        if (promise != LogPromise.SERIALIZABLE) realTime(nodes, edges);
        // Kahn's algorithm over the pairs, grouped by source.
        int[] start = new int[n + 1];
        int[] in = new int[n];
        for (int e = 0; e < edges.size; e++) {
            start[edges.from[e] + 1]++;
            in[edges.to[e]]++;
        }
        for (int i = 0; i < n; i++) start[i + 1] += start[i];
        int[] fill = Arrays.copyOf(start, n);
        int[] target = new int[edges.size];
        for (int e = 0; e < edges.size; e++) target[fill[edges.from[e]]++] = edges.to[e];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) if (in[i] == 0) queue[tail++] = i;
        while (head < tail) {
            int x = queue[head++];
            for (int e = start[x]; e < start[x + 1]; e++) if (--in[target[e]] == 0) queue[tail++] = target[e];
        }
        if (tail == n) return null;
        return "the sends and polls" + (transactional ? ", with the log's write and anti-dependency order" : ", with each process's order")
                + (promise == LogPromise.SERIALIZABLE ? "," : " and real time,") + " form a cycle (" + (n - tail) + " operations on or after one)";
    }

    /** Edges as two growing columns. */
    private static final class Pairs {
        int size;
        int[] from = new int[1024];
        int[] to = new int[1024];

        void add(int a, int b) {
            if (size == from.length) {
                from = Arrays.copyOf(from, size * 2);
                to = Arrays.copyOf(to, size * 2);
            }
            from[size] = a;
            to[size++] = b;
        }
    }

    /** Real time: by position, every operation returned and not yet followed by another returned one precedes each invocation. */
    private static void realTime(List<Operation> nodes, Pairs edges) {
        int n = nodes.size();
        Integer[] byInvoke = new Integer[n];
        Integer[] byReturn = new Integer[n];
        for (int i = 0; i < n; i++) byInvoke[i] = byReturn[i] = i;
        Arrays.sort(byInvoke, (a, b) -> Integer.compare(nodes.get(a).invokePosition(), nodes.get(b).invokePosition()));
        Arrays.sort(byReturn, (a, b) -> Integer.compare(nodes.get(a).returnPosition(), nodes.get(b).returnPosition()));
        List<Integer> returned = new ArrayList<>();
        int r = 0;
        for (int b : byInvoke) {
            int at = nodes.get(b).invokePosition();
            while (r < n && nodes.get(byReturn[r]).returnPosition() < at) {
                int c = byReturn[r++];
                returned.removeIf(a -> nodes.get(a).returnPosition() < nodes.get(c).invokePosition());
                returned.add(c);
            }
            for (int a : returned) edges.add(a, b);
        }
    }
}
