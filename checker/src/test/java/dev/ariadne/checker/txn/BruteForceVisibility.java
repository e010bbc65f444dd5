package dev.ariadne.checker.txn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.History;
import dev.ariadne.history.MicroOp;
import dev.ariadne.history.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read atomic and causal consistency of tiny rw-register histories by their axioms (Biswas and Enea
 * 2019, after Cerone et al. 2015), with visibility from read-from alone: some set of the info
 * transactions with every ok one, and some total commit order of them, such that each read returns
 * the final write of a committed transaction that commits before the reader (or nil, read from the
 * initial state), and every transaction the reader observes (for read atomic: reads from; for causal:
 * reads from, transitively) that also wrote the key commits before the one it read from. Reads after
 * the transaction's own micro-ops on a key must agree with them.
 */
final class BruteForceVisibility {
    private BruteForceVisibility() {}

    static boolean holds(History h, boolean causal) {
        List<Operation> must = new ArrayList<>();
        List<Operation> maybe = new ArrayList<>();
        for (Operation o : h.operations()) {
            if (o.isOk()) must.add(o);
            else if (o.isInfo()) maybe.add(o);
        }
        if (!internallyConsistent(must)) return false;
        for (int mask = 0; mask < (1 << maybe.size()); mask++) {
            List<Operation> chosen = new ArrayList<>(must);
            for (int i = 0; i < maybe.size(); i++) if ((mask & (1 << i)) != 0) chosen.add(maybe.get(i));
            if (permute(chosen, new ArrayList<>(), new boolean[chosen.size()], causal)) return true;
        }
        return false;
    }

    private static boolean internallyConsistent(List<Operation> ok) {
        for (Operation o : ok) {
            Map<JsonNode, JsonNode> seen = new HashMap<>();
            for (MicroOp m : o.txn()) {
                JsonNode before = seen.get(m.key());
                if (m.isRead() && before != null && !before.equals(m.value())) return false;
                seen.put(m.key(), m.value());
            }
        }
        return true;
    }

    private static boolean permute(List<Operation> ops, List<Operation> prefix, boolean[] used, boolean causal) {
        if (prefix.size() == ops.size()) return axioms(prefix, causal);
        for (int i = 0; i < ops.size(); i++) {
            if (used[i]) continue;
            used[i] = true;
            prefix.add(ops.get(i));
            if (permute(ops, prefix, used, causal)) return true;
            prefix.remove(prefix.size() - 1);
            used[i] = false;
        }
        return false;
    }

    private static boolean axioms(List<Operation> co, boolean causal) {
        int n = co.size();
        // External reads and the transaction each reads from (index in co; -1 for the initial state).
        List<List<Object[]>> reads = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            List<Object[]> rs = new ArrayList<>();
            if (co.get(t).isOk()) {
                Set<JsonNode> touched = new HashSet<>();
                for (MicroOp m : co.get(t).txn()) {
                    if (!touched.add(m.key()) || !m.isRead()) continue;
                    int from = -1;
                    if (!m.value().isNull()) {
                        from = writerOf(co, m.key(), m.value());
                        if (from < 0 || from == t || from > t) return false; // garbage, aborted, intermediate, own or future write
                    }
                    rs.add(new Object[]{m.key(), from});
                }
            }
            reads.add(rs);
        }
        for (int t3 = 0; t3 < n; t3++) {
            Set<Integer> observed = new HashSet<>();
            List<Integer> todo = new ArrayList<>(List.of(t3));
            while (!todo.isEmpty()) {
                int v = todo.remove(todo.size() - 1);
                for (Object[] r : reads.get(v)) {
                    int w = (Integer) r[1];
                    if (w >= 0 && w != t3 && observed.add(w) && causal) todo.add(w);
                }
                if (!causal) break;
            }
            for (Object[] r : reads.get(t3)) {
                int t1 = (Integer) r[1];
                for (int t2 : observed) {
                    if (t2 == t1 || finalWrite(co.get(t2), (JsonNode) r[0]) == null) continue;
                    if (t1 < 0 || t2 > t1) return false;
                }
            }
        }
        return true;
    }

    private static int writerOf(List<Operation> co, JsonNode key, JsonNode value) {
        for (int i = 0; i < co.size(); i++) if (value.equals(finalWrite(co.get(i), key))) return i;
        return -1;
    }

    private static JsonNode finalWrite(Operation o, JsonNode key) {
        JsonNode w = null;
        for (MicroOp m : o.txn()) if (!m.isRead() && m.key().equals(key)) w = m.value();
        return w;
    }
}
