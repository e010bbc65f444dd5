package dev.ariadne.checker.broadcast;

import dev.ariadne.checker.report.BroadcastAnomaly;
import dev.ariadne.checker.report.Counterexample;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Total order: one order of the messages agrees with every process's deliveries. The smallest
 * witness of a violation is two processes that delivered two messages in opposite orders; failing
 * that, a cycle of "delivered before" through more processes. Without a violation, a topological
 * order of "delivered before" is the order, checked against each process's deliveries.
 */
final class TotalOrder {
    private TotalOrder() {}

    static void check(Messages ms, List<Counterexample> out) {
        // Each process's deliveries as message ids, first deliveries only, with the operations.
        List<String> procs = new ArrayList<>();
        List<int[]> seqs = new ArrayList<>();
        List<Map<Integer, Operation>> opOf = new ArrayList<>();
        for (Map.Entry<String, List<Object>> e : ms.events.entrySet()) {
            List<Integer> seq = new ArrayList<>();
            Map<Integer, Operation> ops = new HashMap<>();
            for (Object x : e.getValue()) {
                if (x instanceof Messages.Delivery d && d.message() != null && !ops.containsKey(d.message().id())) {
                    seq.add(d.message().id());
                    ops.put(d.message().id(), d.op());
                }
            }
            if (seq.size() < 2) continue;
            procs.add(e.getKey());
            seqs.add(seq.stream().mapToInt(Integer::intValue).toArray());
            opOf.add(ops);
        }
        // "Delivered before" between consecutive deliveries: acyclic exactly when some total order agrees with all.
        int n = ms.messages.size();
        List<List<int[]>> succ = new ArrayList<>();
        for (int i = 0; i < n; i++) succ.add(new ArrayList<>());
        for (int p = 0; p < seqs.size(); p++) {
            int[] s = seqs.get(p);
            for (int i = 1; i < s.length; i++) succ.get(s[i - 1]).add(new int[] {s[i], p});
        }
        int[] order = dev.ariadne.checker.search.Digraphs.topological(succ);
        if (order == null) {
            // The smallest witness first: two processes that delivered two messages in opposite orders.
            int before = out.size();
            for (int p = 0; p < seqs.size() && out.size() - before < BroadcastChecker.SHOWN; p++) {
                for (int q = p + 1; q < seqs.size() && out.size() - before < BroadcastChecker.SHOWN; q++) {
                    Map<Integer, Operation> atQ = opOf.get(q);
                    Map<Integer, Integer> posQ = new HashMap<>();
                    int[] sq = seqs.get(q);
                    for (int i = 0; i < sq.length; i++) posQ.put(sq[i], i);
                    // Among the messages both delivered, in p's order, a descent in q's positions is an inversion.
                    int prev = -1;
                    for (int m : seqs.get(p)) {
                        Integer at = posQ.get(m);
                        if (at == null) continue;
                        if (prev >= 0 && at < posQ.get(prev)) {
                            Messages.Message x = ms.messages.get(prev);
                            Messages.Message y = ms.messages.get(m);
                            out.add(BroadcastChecker.cex(ms, BroadcastAnomaly.TOTAL_ORDER,
                                    List.of(opOf.get(p).get(prev), opOf.get(p).get(m), atQ.get(m), atQ.get(prev)),
                                    "process " + procs.get(p) + " delivered " + Values.show(x.value()) + " before " + Values.show(y.value()) + ", process "
                                            + procs.get(q) + " delivered them the other way round", x.value(), y.value()));
                            break;
                        }
                        prev = m;
                    }
                }
            }
            if (out.size() > before) return;
            List<int[]> cycle = cycle(n, succ);
            List<Operation> ops = new ArrayList<>();
            StringBuilder why = new StringBuilder("every order of the messages breaks some process's deliveries:");
            for (int[] edge : cycle) {
                ops.add(opOf.get(edge[2]).get(edge[0]));
                ops.add(opOf.get(edge[2]).get(edge[1]));
                why.append(" ").append(procs.get(edge[2])).append(" delivered ").append(Values.show(ms.messages.get(edge[0]).value()))
                        .append(" before ").append(Values.show(ms.messages.get(edge[1]).value())).append(';');
            }
            why.setLength(why.length() - 1);
            out.add(BroadcastChecker.cex(ms, BroadcastAnomaly.TOTAL_ORDER, ops, why.toString()));
            return;
        }
        // The witness, checked on its own terms: each process's deliveries appear in it in order.
        int[] rank = new int[n];
        for (int i = 0; i < order.length; i++) rank[order[i]] = i;
        for (int[] s : seqs) {
            for (int i = 1; i < s.length; i++) {
                if (rank[s[i - 1]] >= rank[s[i]]) throw new IllegalStateException("internal error: the total order found disagrees with a process's deliveries");
            }
        }
    }

    /** A shortest cycle: from each message, breadth-first back to itself; edges as {from, to, process}. */
    private static List<int[]> cycle(int n, List<List<int[]>> succ) {
        List<int[]> best = null;
        for (int s = 0; s < n; s++) {
            int[] prev = new int[n];
            int[] via = new int[n];
            java.util.Arrays.fill(prev, -2);
            java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
            queue.add(s);
            prev[s] = -1;
            int end = -1;
            int endVia = -1;
            while (!queue.isEmpty() && end < 0) {
                int x = queue.poll();
                for (int[] e : succ.get(x)) {
                    if (e[0] == s) {
                        end = x;
                        endVia = e[1];
                        break;
                    }
                    if (prev[e[0]] != -2) continue;
                    prev[e[0]] = x;
                    via[e[0]] = e[1];
                    queue.add(e[0]);
                }
            }
            if (end < 0) continue;
            List<int[]> c = new ArrayList<>();
            c.add(new int[] {end, s, endVia});
            for (int x = end; prev[x] >= 0; x = prev[x]) c.add(0, new int[] {prev[x], x, via[x]});
            if (best == null || c.size() < best.size()) best = c;
            if (best.size() <= 3) break;
        }
        return best;
    }
}
