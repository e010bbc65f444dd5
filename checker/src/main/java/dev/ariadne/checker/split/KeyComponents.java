package dev.ariadne.checker.split;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Keys joined by the operations that touch several of them (union-find), gathered on the driver from
 * the distinct pairs of keys the tasks report: its size grows with the keys, not the operations.
 * Transactions on disjoint sets of keys have no ww, wr or rw edge between them, so a dependency
 * cycle never leaves a component (Adya's DSG); with single-key operations every key is its own.
 */
public final class KeyComponents implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The component of each key that shares one with another key; a key absent here is its own. */
    private final Map<String, String> root;
    /** How many keys each shared component holds. */
    private final Map<String, Integer> size;

    private KeyComponents(Map<String, String> root, Map<String, Integer> size) {
        this.root = root;
        this.size = size;
    }

    /** Builds the components from pairs of keys that one operation touches together. */
    public static KeyComponents of(Iterable<String[]> pairs) {
        Map<String, String> parent = new HashMap<>();
        for (String[] p : pairs) {
            String a = find(parent, p[0]), b = find(parent, p[1]);
            if (a.equals(b)) continue;
            // The smaller name becomes the root, so the component's name does not depend on the order of the pairs.
            if (a.compareTo(b) < 0) parent.put(b, a);
            else parent.put(a, b);
        }
        Map<String, String> root = new HashMap<>();
        Map<String, Integer> size = new HashMap<>();
        for (String k : parent.keySet()) {
            String r = find(parent, k);
            root.put(k, r);
            size.merge(r, 1, Integer::sum);
        }
        for (String r : size.keySet()) root.put(r, r);
        return new KeyComponents(root, size);
    }

    private static String find(Map<String, String> parent, String k) {
        String r = k;
        for (String p = parent.get(r); p != null && !p.equals(r); p = parent.get(r)) r = p;
        // Path compression: later finds of the keys on the way go straight to the root.
        for (String x = k, p = parent.get(x); p != null && !p.equals(r); p = parent.get(x)) {
            parent.put(x, r);
            x = p;
        }
        if (!parent.containsKey(r)) parent.put(r, r);
        return r;
    }

    /** The component of a key, named by its smallest key (canonical JSON). */
    public String of(String key) {
        return root.getOrDefault(key, key);
    }

    /** How many keys the component holds. */
    public int keys(String component) {
        return size.getOrDefault(component, 1);
    }

    /** Components that join two or more keys. */
    public int shared() {
        int n = 0;
        for (int s : size.values()) if (s > 1) n++;
        return n;
    }
}
