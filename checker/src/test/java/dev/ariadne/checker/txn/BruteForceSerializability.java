package dev.ariadne.checker.txn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.History;
import dev.ariadne.history.MicroOp;
import dev.ariadne.history.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serializability by its definition, for tiny list-append or rw-register histories (a register is
 * kept as a list of its one value): some set of the info
 * transactions together with every ok one, in some order, executed one at a time from empty lists,
 * gives every ok read exactly the list it returned. With {@code session}, the order keeps each
 * process's order; with {@code realtime}, a transaction that completed before another was invoked
 * comes first.
 */
final class BruteForceSerializability {
    private BruteForceSerializability() {}

    static boolean serializable(History h, boolean session, boolean realtime) {
        for (List<Operation> chosen : BruteForceIsolation.commitSets(h)) {
            if (permute(chosen, new ArrayList<>(), new boolean[chosen.size()], session, realtime)) return true;
        }
        return false;
    }

    private static boolean permute(List<Operation> ops, List<Operation> prefix, boolean[] used, boolean session, boolean realtime) {
        if (prefix.size() == ops.size()) return replays(prefix);
        for (int i = 0; i < ops.size(); i++) {
            if (used[i]) continue;
            Operation o = ops.get(i);
            boolean blocked = false;
            for (int j = 0; j < ops.size() && !blocked; j++) {
                if (used[j] || j == i) continue;
                Operation p = ops.get(j);
                if (session && p.process() == o.process() && p.invokePosition() < o.invokePosition()) blocked = true;
                if (realtime && p.isOk() && p.completePosition() < o.invokePosition()) blocked = true;
            }
            if (blocked) continue;
            used[i] = true;
            prefix.add(o);
            if (permute(ops, prefix, used, session, realtime)) return true;
            prefix.remove(prefix.size() - 1);
            used[i] = false;
        }
        return false;
    }

    private static boolean replays(List<Operation> order) {
        Map<JsonNode, List<JsonNode>> db = new HashMap<>();
        for (Operation o : order) {
            for (MicroOp m : o.txn()) {
                List<JsonNode> cur = db.computeIfAbsent(m.key(), k -> new ArrayList<>());
                if (!m.isRead()) {
                    if (m.f().equals("w")) cur.clear();
                    cur.add(m.value());
                } else if (o.isOk()) {
                    List<JsonNode> got = new ArrayList<>();
                    if (m.value().isArray()) m.value().forEach(got::add);
                    else if (!m.value().isNull()) got.add(m.value());
                    if (!got.equals(cur)) return false;
                }
            }
        }
        return true;
    }
}
