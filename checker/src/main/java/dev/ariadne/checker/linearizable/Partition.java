package dev.ariadne.checker.linearizable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One independently checkable part of a history. Linearizability is local (Herlihy and Wing) and
 * P-compositional (Horn and Kroening, "Faster linearizability checking via P-compositionality",
 * FORTE 2015): a history is linearizable iff each set of operations on disjoint keys is. Operations
 * that touch several keys join those keys into one partition (union-find).
 *
 * @param label      the keys, comma-separated (the first five and a count when there are more than eight), or {@code *} when the operations name no key
 * @param operations its operations in invocation order, without the failed ones (they did not happen)
 */
public record Partition(String label, List<Operation> operations) {

    public static List<Partition> split(List<Operation> ops, Datatype<?, ?> datatype) {
        boolean noKeys = true;
        for (int i = 0; i < ops.size() && noKeys; i++) noKeys = ops.get(i).isFail() || datatype.keys(ops.get(i)).isEmpty();
        if (noKeys) {
            List<Operation> live = new ArrayList<>(ops.size());
            for (Operation o : ops) if (!o.isFail()) live.add(o);
            return live.isEmpty() ? List.of() : List.of(new Partition("*", live));
        }
        Map<JsonNode, JsonNode> parent = new HashMap<>();
        List<Collection<JsonNode>> keysOf = new ArrayList<>(ops.size());
        for (Operation o : ops) {
            Collection<JsonNode> keys = o.isFail() ? List.of() : datatype.keys(o);
            keysOf.add(keys);
            JsonNode first = null;
            for (JsonNode k : keys) {
                parent.putIfAbsent(k, k);
                if (first == null) first = k;
                else union(parent, first, k);
            }
        }
        Map<JsonNode, List<Operation>> groups = new LinkedHashMap<>();
        Map<JsonNode, TreeSet<String>> labels = new HashMap<>();
        List<Operation> keyless = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Operation o = ops.get(i);
            if (o.isFail()) continue;
            Collection<JsonNode> keys = keysOf.get(i);
            if (keys.isEmpty()) {
                keyless.add(o);
                continue;
            }
            JsonNode root = find(parent, keys.iterator().next());
            groups.computeIfAbsent(root, r -> new ArrayList<>()).add(o);
            TreeSet<String> l = labels.computeIfAbsent(root, r -> new TreeSet<>());
            for (JsonNode k : keys) l.add(Values.show(k));
        }
        List<Partition> out = new ArrayList<>();
        if (!keyless.isEmpty()) out.add(new Partition("*", keyless));
        for (Map.Entry<JsonNode, List<Operation>> g : groups.entrySet()) {
            out.add(new Partition(label(labels.get(g.getKey())), g.getValue()));
        }
        return out;
    }

    /** The keys, comma-separated; the first few and a count when there are many. */
    private static String label(TreeSet<String> keys) {
        if (keys.size() <= 8) return String.join(",", keys);
        List<String> first = new ArrayList<>(keys).subList(0, 5);
        return String.join(",", first) + ",... (" + keys.size() + " keys)";
    }

    private static JsonNode find(Map<JsonNode, JsonNode> parent, JsonNode k) {
        JsonNode root = k;
        while (!parent.get(root).equals(root)) root = parent.get(root);
        while (!parent.get(k).equals(root)) {
            JsonNode up = parent.get(k);
            parent.put(k, root);
            k = up;
        }
        return root;
    }

    private static void union(Map<JsonNode, JsonNode> parent, JsonNode a, JsonNode b) {
        JsonNode ra = find(parent, a);
        JsonNode rb = find(parent, b);
        if (!ra.equals(rb)) parent.put(rb, ra);
    }
}
