package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The state of a {@link Keyed} object: an immutable map from key to the inner state, stored as a
 * persistent 32-way trie over small key numbers, so that changing one key copies a few short arrays
 * rather than the whole map; and whose hash is kept up to date as entries change (the sum of its
 * entries' hashes, as {@link Map#hashCode} defines it), so that the search memo hashes a
 * configuration in constant time however many keys there are.
 */
final class KeyedState<S> extends AbstractMap<JsonNode, S> {
    /** Numbers the keys a {@link Keyed} object has seen; shared by its states, safe across threads. */
    static final class Keys {
        private final ConcurrentHashMap<JsonNode, Integer> ids = new ConcurrentHashMap<>();
        private final List<JsonNode> names = new CopyOnWriteArrayList<>();

        int id(JsonNode key) {
            Integer id = ids.get(key);
            if (id != null) return id;
            synchronized (this) {
                return ids.computeIfAbsent(key, k -> {
                    names.add(k);
                    return names.size() - 1;
                });
            }
        }

        int find(Object key) {
            Integer id = ids.get(key);
            return id == null ? -1 : id;
        }

        JsonNode name(int id) {
            return names.get(id);
        }
    }

    private static final int BITS = 5;
    private static final int WIDTH = 1 << BITS;
    private final Keys keys;
    /** Levels below the root: the trie holds key numbers below WIDTH^(depth+1). */
    private final int depth;
    private final Object[] root;
    private final int size;
    private final int hash;

    private KeyedState(Keys keys, int depth, Object[] root, int size, int hash) {
        this.keys = keys;
        this.depth = depth;
        this.root = root;
        this.size = size;
        this.hash = hash;
    }

    static <S> KeyedState<S> empty(Keys keys) {
        return new KeyedState<>(keys, 0, new Object[WIDTH], 0, 0);
    }

    /** This map with {@code key} mapped to {@code value}. */
    @SuppressWarnings("unchecked")
    KeyedState<S> with(JsonNode key, S value) {
        int id = keys.id(key);
        int d = depth;
        Object[] r = root;
        while (id >>> (BITS * (d + 1)) != 0) { // grow: the old root becomes the first child of a new one
            Object[] up = new Object[WIDTH];
            up[0] = r;
            r = up;
            d++;
        }
        S old = (S) lookup(r, d, id);
        Object[] nr = put(r, d, id, value);
        int h = hash + entryHash(key, value) - (old == null ? 0 : entryHash(key, old));
        return new KeyedState<>(keys, d, nr, size + (old == null ? 1 : 0), h);
    }

    private static Object lookup(Object[] node, int depth, int id) {
        for (int level = depth; level > 0; level--) {
            node = (Object[]) node[(id >>> (BITS * level)) & (WIDTH - 1)];
            if (node == null) return null;
        }
        return node[id & (WIDTH - 1)];
    }

    private static Object[] put(Object[] node, int level, int id, Object value) {
        Object[] copy = node == null ? new Object[WIDTH] : node.clone();
        int slot = (id >>> (BITS * level)) & (WIDTH - 1);
        copy[slot] = level == 0 ? value : put((Object[]) copy[slot], level - 1, id, value);
        return copy;
    }

    private static int entryHash(Object k, Object v) {
        return k.hashCode() ^ (v == null ? 0 : v.hashCode());
    }

    @Override
    @SuppressWarnings("unchecked")
    public S get(Object key) {
        int id = keys.find(key);
        if (id < 0 || id >>> (BITS * (depth + 1)) != 0) return null;
        return (S) lookup(root, depth, id);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<JsonNode, S>> entrySet() {
        List<Entry<JsonNode, S>> out = new ArrayList<>(size);
        collect(root, depth, 0, out);
        return new AbstractSet<>() {
            public Iterator<Entry<JsonNode, S>> iterator() {
                return out.iterator();
            }

            public int size() {
                return out.size();
            }
        };
    }

    @SuppressWarnings("unchecked")
    private void collect(Object[] node, int level, int prefix, List<Entry<JsonNode, S>> out) {
        for (int i = 0; i < WIDTH; i++) {
            Object x = node[i];
            if (x == null) continue;
            int id = (prefix << BITS) | i;
            if (level == 0) out.add(new SimpleImmutableEntry<>(keys.name(id), (S) x));
            else collect((Object[]) x, level - 1, id, out);
        }
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (o instanceof KeyedState<?> k && k.keys == keys) {
            if (k.hash != hash || k.size != size) return false;
            int d = Math.max(depth, k.depth);
            return same(lift(root, depth, d), lift(k.root, k.depth, d), d);
        }
        return super.equals(o);
    }

    /** The root as a trie of {@code to} levels (taller tries keep the small numbers under their first children). */
    private static Object[] lift(Object[] root, int from, int to) {
        Object[] r = root;
        for (int d = from; d < to; d++) {
            Object[] up = new Object[WIDTH];
            up[0] = r;
            r = up;
        }
        return r;
    }

    private static boolean same(Object[] a, Object[] b, int level) {
        if (a == b) return true;
        if (a == null || b == null) return isEmpty(a) && isEmpty(b);
        for (int i = 0; i < WIDTH; i++) {
            Object x = a[i];
            Object y = b[i];
            if (x == y) continue;
            if (level == 0) {
                if (x == null || !x.equals(y)) return false;
            } else if (!same((Object[]) x, (Object[]) y, level - 1)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEmpty(Object[] node) {
        if (node == null) return true;
        for (Object x : node) if (x != null && !(x instanceof Object[] c && isEmpty(c))) return false;
        return true;
    }
}
