package dev.ariadne.checker.log;

import dev.ariadne.checker.report.LogAnomaly;
import dev.ariadne.history.Operation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Jepsen's Kafka cycles without write-write inference (its default): an operation that sent a
 * message precedes every operation that polled it (wr); with each process's order the cycles are
 * G1c-process, and with real time (an operation that returned before another was invoked precedes
 * it) G1c-realtime. Operations are the sends, polls and transactions that took effect. A cycle is
 * reported with its shortest form, wr-only first. Strongly connected components are found first, so
 * a history without a cycle costs one linear pass.
 */
final class LogCycles {
    private LogCycles() {}

    /** Breadth-first searches per component and kind of cycle: enough for the shortest in practice, bounded in a huge component. */
    static final int MAX_TRIES = 64;

    /** An edge: from and to (node indices), its kind (0 wr, 1 process, 2 real time), and for wr the message it rests on. */
    record Edge(int from, int to, int kind, String key, com.fasterxml.jackson.databind.JsonNode value) {}

    /** The shortest cycles found, one per component, as the operations and the sentence that explains each step. */
    record Cycle(LogAnomaly anomaly, List<LogOp> ops, String why) {}

    static List<Cycle> find(List<LogOp> all, Map<VersionOrders.Id, LogOp> writer, java.util.Set<VersionOrders.Id> polledOk, int limit) {
        List<LogOp> nodes = new ArrayList<>();
        Map<LogOp, Integer> index = new java.util.IdentityHashMap<>(); // by identity: a record hashes its whole content
        for (LogOp o : all) {
            if (o.assigned() != null || o.sends().isEmpty() && o.polls().isEmpty()) continue;
            if (!o.op().isOk() && !(o.op().isInfo() && VersionOrders.mustHaveCommitted(o, polledOk))) continue;
            index.put(o, nodes.size());
            nodes.add(o);
        }
        int n = nodes.size();
        List<List<Edge>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new ArrayList<>());
        // wr: the sender of each polled message precedes the poller.
        int[] linkedTo = new int[n];
        java.util.Arrays.fill(linkedTo, -1);
        for (int r = 0; r < n; r++) {
            LogOp reader = nodes.get(r);
            if (!reader.op().isOk()) continue;
            for (var e : reader.polls().entrySet()) {
                for (LogOp.Polled p : e.getValue()) {
                    LogOp w = writer.get(VersionOrders.id(e.getKey(), p.value()));
                    Integer wi = w == null ? null : index.get(w);
                    if (wi == null || wi == r || linkedTo[wi] == r) continue;
                    linkedTo[wi] = r;
                    out.get(wi).add(new Edge(wi, r, 0, e.getKey(), p.value()));
                }
            }
        }
        // Process order: each process's operations one after another.
        Map<Integer, Integer> lastOf = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Integer prev = lastOf.put(nodes.get(i).op().process(), i);
            if (prev != null) out.get(prev).add(new Edge(prev, i, 1, null, null));
        }
        // Real time, reduced: at each invocation, an edge from every operation returned before it and not yet followed by another such.
        List<long[]> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Operation o = nodes.get(i).op();
            events.add(new long[] {o.invokePosition(), 1, i});
            if (o.isOk()) events.add(new long[] {o.completePosition(), 0, i});
        }
        events.sort((a, b) -> Long.compare(a[0], b[0]));
        List<Integer> frontier = new ArrayList<>();
        for (long[] ev : events) {
            int i = (int) ev[2];
            if (ev[1] == 1) {
                for (int f : frontier) out.get(f).add(new Edge(f, i, 2, null, null));
            } else {
                int invoked = nodes.get(i).op().invokePosition();
                frontier.removeIf(f -> nodes.get(f).op().completePosition() < invoked);
                frontier.add(i);
            }
        }
        int[] comp = components(n, out);
        List<Cycle> cycles = new ArrayList<>();
        Map<Integer, Boolean> done = new HashMap<>();
        for (int u = 0; u < n && cycles.size() < limit; u++) {
            for (Edge e : out.get(u)) {
                if (e.kind() != 0 || comp[e.from()] != comp[e.to()] || done.containsKey(comp[u])) continue;
                // The shortest cycle through this component's wr edges, with as few kinds of edge as will do.
                List<Edge> best = null;
                int kinds = 0;
                for (int allowed = 0; allowed <= 2 && best == null; allowed++) {
                    best = shortest(comp, out, u, allowed);
                    kinds = allowed;
                }
                done.put(comp[u], true);
                if (best == null) continue;
                List<LogOp> ops = new ArrayList<>();
                StringBuilder why = new StringBuilder();
                for (Edge x : best) {
                    ops.add(nodes.get(x.from()));
                    why.append(why.length() == 0 ? "" : "; ").append(explain(x, nodes));
                }
                cycles.add(new Cycle(kinds == 0 ? LogAnomaly.G1C : kinds == 1 ? LogAnomaly.G1C_PROCESS : LogAnomaly.G1C_REALTIME, ops, why.toString()));
                break;
            }
        }
        return cycles;
    }

    /** The sentence an edge of a reported cycle rests on. */
    private static String explain(Edge e, List<LogOp> nodes) {
        long a = nodes.get(e.from()).op().index();
        long b = nodes.get(e.to()).op().index();
        return switch (e.kind()) {
            case 0 -> "op " + a + " sent " + e.value() + " to key " + e.key() + ", which op " + b + " polled";
            case 1 -> "op " + a + " came before op " + b + " in their process";
            default -> "op " + a + " returned before op " + b + " was invoked";
        };
    }

    /** The shortest cycle in u's component that uses a wr edge and edges of kind at most {@code allowed}, or null. */
    private static List<Edge> shortest(int[] comp, List<List<Edge>> out, int start, int allowed) {
        List<Edge> best = null;
        int c = comp[start];
        int tries = 0;
        for (int u = 0; u < out.size() && tries < MAX_TRIES; u++) {
            if (comp[u] != c) continue;
            for (Edge wr : out.get(u)) {
                if (wr.kind() != 0 || comp[wr.to()] != c || tries++ >= MAX_TRIES) continue;
                // Back from wr.to to wr.from, breadth first.
                Map<Integer, Edge> via = new HashMap<>();
                ArrayDeque<Integer> q = new ArrayDeque<>();
                q.add(wr.to());
                via.put(wr.to(), null);
                while (!q.isEmpty() && !via.containsKey(wr.from())) {
                    int x = q.poll();
                    for (Edge e : out.get(x)) {
                        if (e.kind() > allowed || comp[e.to()] != c || via.containsKey(e.to())) continue;
                        via.put(e.to(), e);
                        q.add(e.to());
                    }
                }
                if (!via.containsKey(wr.from())) continue;
                List<Edge> cycle = new ArrayList<>();
                for (int x = wr.from(); via.get(x) != null; x = via.get(x).from()) cycle.add(0, via.get(x));
                cycle.add(0, wr);
                if (best == null || cycle.size() < best.size()) best = cycle;
                if (best.size() == 2) return best;
            }
        }
        return best;
    }

    /** The components of the graph, whatever the edges' kinds. */
    private static int[] components(int n, List<List<Edge>> out) {
        List<List<int[]>> targets = new ArrayList<>(n);
        for (List<Edge> es : out) {
            List<int[]> ts = new ArrayList<>(es.size());
            for (Edge e : es) ts.add(new int[] {e.to()});
            targets.add(ts);
        }
        return dev.ariadne.checker.search.Digraphs.components(targets);
    }
}
