package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One object per key, for checks that are not compositional and must see the whole history at once
 * (sequential consistency): the state maps each key to the inner datatype's state, and an
 * operation steps the object of its {@code key}.
 */
public final class Keyed<S, I> implements Datatype<Map<JsonNode, S>, Keyed.Input<I>> {
    /** The inner datatype's input, with its key. */
    public record Input<I>(JsonNode key, I inner) {}

    private final Datatype<S, I> inner;
    private final KeyedState.Keys keys = new KeyedState.Keys();

    public Keyed(Datatype<S, I> inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Map<JsonNode, S> init() {
        return KeyedState.empty(keys);
    }

    private S get(Map<JsonNode, S> state, JsonNode key) {
        S s = state.get(key);
        return s == null ? inner.init() : s;
    }

    @Override
    public Input<I> input(Operation op) {
        return new Input<>(op.key() == null ? NullNode.getInstance() : op.key(), inner.input(op));
    }

    @Override
    public Map<JsonNode, S> step(Map<JsonNode, S> state, Input<I> in) {
        S cur = get(state, in.key());
        S next = inner.step(cur, in.inner());
        if (next == null) return null;
        if (next.equals(cur)) return state;
        return with(state, in.key(), next);
    }

    private Map<JsonNode, S> with(Map<JsonNode, S> state, JsonNode key, S next) {
        if (state instanceof KeyedState<S> k) return k.with(key, next);
        KeyedState<S> k = KeyedState.empty(keys);
        for (Map.Entry<JsonNode, S> e : state.entrySet()) k = k.with(e.getKey(), e.getValue());
        return k.with(key, next);
    }

    @Override
    public boolean deterministic() {
        return inner.deterministic();
    }

    @Override
    public void steps(Map<JsonNode, S> state, Input<I> in, java.util.List<Map<JsonNode, S>> out) {
        S cur = get(state, in.key());
        java.util.List<S> nexts = new java.util.ArrayList<>();
        inner.steps(cur, in.inner(), nexts);
        for (S next : nexts) out.add(with(state, in.key(), next));
    }

    @Override
    public Input<I> remote(Input<I> in) {
        I r = inner.remote(in.inner());
        return r == null ? null : new Input<>(in.key(), r);
    }

    @Override
    public boolean exact(Input<I> in) {
        return inner.exact(in.inner());
    }

    @Override
    public boolean blindWrite(Input<I> in) {
        return inner.blindWrite(in.inner());
    }

    @Override
    public boolean readOnly(Input<I> in) {
        return inner.readOnly(in.inner());
    }

    @Override
    public boolean isNoOp(Input<I> in) {
        return inner.isNoOp(in.inner());
    }

    @Override
    public String whyIllegal(Map<JsonNode, S> state, Input<I> in) {
        return inner.whyIllegal(get(state, in.key()), in.inner()) + " (key " + Values.show(in.key()) + ")";
    }

    @Override
    public String describeState(Map<JsonNode, S> state) {
        Map<String, String> sorted = new TreeMap<>();
        state.forEach((k, v) -> sorted.put(Values.show(k), inner.describeState(v)));
        return sorted.isEmpty() ? "{all keys initial}" : sorted.toString();
    }

    @Override
    public String describe(Operation op) {
        String d = inner.describe(op);
        return op.key() == null || d.contains(Values.show(op.key())) ? d : d + " [key " + Values.show(op.key()) + "]";
    }

    @Override
    public Collection<JsonNode> keys(Operation op) {
        return inner.keys(op);
    }
}
