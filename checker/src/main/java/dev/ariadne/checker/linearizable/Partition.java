package dev.ariadne.checker.linearizable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
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
        int n = ops.size();
        // Per operation the id of its first key (-1: none, -2: failed); keys interned, union-find over their ids.
        int[] first = new int[n];
        Map<JsonNode, Integer> ids = new HashMap<>();
        List<JsonNode> keyNodes = new ArrayList<>();
        int[] parent = new int[16];
        for (int i = 0; i < n; i++) {
            Operation o = ops.get(i);
            if (o.isFail()) {
                first[i] = -2;
                continue;
            }
            first[i] = -1;
            for (JsonNode k : datatype.keys(o)) {
                Integer id = ids.get(k);
                if (id == null) {
                    id = keyNodes.size();
                    ids.put(k, id);
                    keyNodes.add(k);
                    if (id == parent.length) parent = Arrays.copyOf(parent, 2 * id);
                    parent[id] = id;
                }
                if (first[i] < 0) first[i] = id;
                else union(parent, first[i], id);
            }
        }
        int keys = keyNodes.size();
        // Group sizes, then each group's operations (by index into ops), groups in the order their first operation comes.
        int[] size = new int[keys];
        int keyless = 0;
        for (int i = 0; i < n; i++) {
            if (first[i] == -1) keyless++;
            else if (first[i] >= 0) size[find(parent, first[i])]++;
        }
        List<Partition> out = new ArrayList<>();
        if (keyless > 0) {
            int[] members = new int[keyless];
            int m = 0;
            for (int i = 0; i < n; i++) if (first[i] == -1) members[m++] = i;
            out.add(new Partition("*", new Members(ops, members)));
        }
        if (keys == 0) return out;
        int[][] members = new int[keys][];
        int[] filled = new int[keys];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (first[i] < 0) continue;
            int root = find(parent, first[i]);
            if (members[root] == null) {
                members[root] = new int[size[root]];
                order.add(root);
            }
            members[root][filled[root]++] = i;
        }
        List<TreeSet<String>> labels = new ArrayList<>(keys);
        for (int k = 0; k < keys; k++) labels.add(null);
        for (int k = 0; k < keys; k++) {
            int root = find(parent, k);
            if (labels.get(root) == null) labels.set(root, new TreeSet<>());
            labels.get(root).add(Values.show(keyNodes.get(k)));
        }
        for (int root : order) out.add(new Partition(label(labels.get(root)), new Members(ops, members[root])));
        return out;
    }

    /**
     * A partition's operations as indexes into the history's: a history's operations are made on
     * demand from its columns, so a split of a large history holds an int per operation, and each
     * partition's operations exist only while it is searched.
     */
    private static final class Members extends AbstractList<Operation> implements RandomAccess {
        private final List<Operation> ops;
        private final int[] members;

        Members(List<Operation> ops, int[] members) {
            this.ops = ops;
            this.members = members;
        }

        @Override
        public Operation get(int i) {
            return ops.get(members[i]);
        }

        @Override
        public int size() {
            return members.length;
        }
    }

    /** The keys, comma-separated; the first few and a count when there are many. */
    private static String label(TreeSet<String> keys) {
        if (keys.size() <= 8) return String.join(",", keys);
        List<String> first = new ArrayList<>(keys).subList(0, 5);
        return String.join(",", first) + ",... (" + keys.size() + " keys)";
    }

    private static int find(int[] parent, int k) {
        int root = k;
        while (parent[root] != root) root = parent[root];
        while (parent[k] != root) {
            int up = parent[k];
            parent[k] = root;
            k = up;
        }
        return root;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) parent[rb] = ra;
    }
}
