package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The state of a {@link Keyed} object: an immutable map from key to the inner state, whose hash is
 * kept up to date as entries change (the sum of its entries' hashes, as {@link Map#hashCode}
 * defines it), so that the search memo hashes a configuration in constant time however many keys
 * there are; equality compares hashes and sizes before entries.
 */
final class KeyedState<S> extends AbstractMap<JsonNode, S> {
    private static final KeyedState<?> EMPTY = new KeyedState<>(Map.of(), 0);
    private final Map<JsonNode, S> entries;
    private final int hash;

    private KeyedState(Map<JsonNode, S> entries, int hash) {
        this.entries = entries;
        this.hash = hash;
    }

    @SuppressWarnings("unchecked")
    static <S> KeyedState<S> empty() {
        return (KeyedState<S>) EMPTY;
    }

    /** This map with {@code key} mapped to {@code value}. */
    KeyedState<S> with(JsonNode key, S value) {
        HashMap<JsonNode, S> m = new HashMap<>(entries);
        S old = m.put(key, value);
        int h = hash + entryHash(key, value) - (old == null ? 0 : entryHash(key, old));
        return new KeyedState<>(m, h);
    }

    private static int entryHash(Object k, Object v) {
        return k.hashCode() ^ (v == null ? 0 : v.hashCode());
    }

    @Override
    public S get(Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public Set<Entry<JsonNode, S>> entrySet() {
        return Collections.unmodifiableMap(entries).entrySet();
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (o instanceof KeyedState<?> k) return k.hash == hash && k.entries.size() == entries.size() && k.entries.equals(entries);
        return super.equals(o);
    }
}
