package dev.ariadne.checker.broadcast;

import dev.ariadne.history.Operation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shortest causal chain from one message's send to another's: along a process's own events for
 * free, and from a send to a delivery of that message at the cost of one hop (0-1 breadth-first
 * search). The hops' sends and deliveries are what a person needs to see to follow the chain.
 */
final class CausalChain {
    private CausalChain() {}

    /** The operations of each hop from {@code a}'s send to {@code b}'s, without those two sends. */
    static List<Operation> between(Messages ms, Messages.Message a, Messages.Message b) {
        // Nodes: every event; per process its index in that process's list.
        Map<Object, String> owner = new HashMap<>();
        Map<Object, Integer> index = new HashMap<>();
        Map<Messages.Message, List<Messages.Delivery>> deliveriesOf = new HashMap<>();
        for (Map.Entry<String, List<Object>> e : ms.events.entrySet()) {
            for (int i = 0; i < e.getValue().size(); i++) {
                Object x = e.getValue().get(i);
                owner.put(x, e.getKey());
                index.put(x, i);
                if (x instanceof Messages.Delivery d && d.message() != null) deliveriesOf.computeIfAbsent(d.message(), k -> new ArrayList<>()).add(d);
            }
        }
        Map<Object, Object> from = new HashMap<>();
        Map<Object, Integer> cost = new HashMap<>();
        ArrayDeque<Object> queue = new ArrayDeque<>();
        queue.add(a);
        cost.put(a, 0);
        while (!queue.isEmpty()) {
            Object x = queue.pollFirst();
            if (x == b) break;
            int c = cost.get(x);
            List<Object> mine = ms.events.get(owner.get(x));
            int i = index.get(x);
            if (i + 1 < mine.size() && relax(cost, from, mine.get(i + 1), x, c)) queue.addFirst(mine.get(i + 1));
            if (x instanceof Messages.Message m) {
                for (Messages.Delivery d : deliveriesOf.getOrDefault(m, List.of())) if (relax(cost, from, d, x, c + 1)) queue.addLast(d);
            }
        }
        List<Operation> hops = new ArrayList<>();
        for (Object x = from.get(b); x != null && x != a; x = from.get(x)) {
            Object prev = from.get(x);
            if (x instanceof Messages.Delivery d && prev instanceof Messages.Message m) {
                hops.add(d.op());
                hops.add(m.send());
            }
        }
        return hops;
    }

    private static boolean relax(Map<Object, Integer> cost, Map<Object, Object> from, Object to, Object via, int c) {
        Integer old = cost.get(to);
        if (old != null && old <= c) return false;
        cost.put(to, c);
        from.put(to, via);
        return true;
    }
}
