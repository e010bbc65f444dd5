package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.ariadne.history.MicroOp;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Several registers changed atomically ({@code multi-register}, Knossos's model): a {@code txn} of
 * {@code [read k v]} and {@code [write k v]} micro-ops, applied in order. Keys never written hold the
 * initial value: one value for all keys, or a map of key to value ({@code {x 0, y 0}}).
 * Transactions over disjoint keys are checked apart.
 */
public final class MultiRegister implements Datatype<Map<JsonNode, JsonNode>, List<MultiRegister.Step>> {
    /** One micro-op: a read of {@code value} (null when unknown) or a write of it. */
    public record Step(boolean write, JsonNode key, JsonNode value) {}

    private final JsonNode initial;
    private final NilRead nilRead;

    public MultiRegister(DatatypeOptions options) {
        this.initial = options.initial() == null ? NullNode.getInstance() : options.initial();
        this.nilRead = options.nilRead();
    }

    @Override
    public String name() {
        return "multi-register";
    }

    @Override
    public Map<JsonNode, JsonNode> init() {
        return Map.of();
    }

    private JsonNode initialOf(JsonNode key) {
        if (initial.isObject()) {
            JsonNode v = initial.get(key.isTextual() ? key.textValue() : Values.show(key));
            return v == null ? NullNode.getInstance() : v;
        }
        return initial;
    }

    private JsonNode get(Map<JsonNode, JsonNode> state, JsonNode key) {
        JsonNode v = state.get(key);
        return v == null ? initialOf(key) : v;
    }

    @Override
    public List<Step> input(Operation op) {
        if (!"txn".equals(op.f())) throw new IllegalArgumentException("multi-register has only txn, not " + op.f());
        List<Step> out = new ArrayList<>();
        for (MicroOp m : op.txn()) {
            switch (m.f()) {
                case "read", "r" -> {
                    boolean unknown = !op.isOk() || (m.value().isNull() && nilRead == NilRead.UNKNOWN);
                    out.add(new Step(false, m.key(), unknown ? null : m.value()));
                }
                case "write", "w" -> out.add(new Step(true, m.key(), m.value()));
                default -> throw new IllegalArgumentException("multi-register micro-ops are read and write, not " + m.f());
            }
        }
        return out;
    }

    @Override
    public Map<JsonNode, JsonNode> step(Map<JsonNode, JsonNode> state, List<Step> steps) {
        Map<JsonNode, JsonNode> next = null;
        for (Step s : steps) {
            Map<JsonNode, JsonNode> cur = next == null ? state : next;
            if (s.write) {
                if (next == null) next = new HashMap<>(state);
                next.put(s.key, s.value);
            } else if (s.value != null && !get(cur, s.key).equals(s.value)) {
                return null;
            }
        }
        return next == null ? state : Map.copyOf(next);
    }

    @Override
    public boolean readOnly(List<Step> steps) {
        for (Step s : steps) if (s.write) return false;
        return true;
    }

    @Override
    public boolean isNoOp(List<Step> steps) {
        for (Step s : steps) if (s.write || s.value != null) return false;
        return true;
    }

    @Override
    public String whyIllegal(Map<JsonNode, JsonNode> state, List<Step> steps) {
        Map<JsonNode, JsonNode> cur = new HashMap<>(state);
        for (Step s : steps) {
            if (s.write) {
                cur.put(s.key, s.value);
            } else if (s.value != null && !get(cur, s.key).equals(s.value)) {
                return "can't read " + Values.show(s.key) + "=" + Values.show(s.value) + " when " + Values.show(s.key) + " holds " + Values.show(get(cur, s.key));
            }
        }
        return "legal";
    }

    @Override
    public String describeState(Map<JsonNode, JsonNode> state) {
        Map<String, String> sorted = new TreeMap<>();
        state.forEach((k, v) -> sorted.put(Values.show(k), Values.show(v)));
        StringBuilder sb = new StringBuilder("{");
        sorted.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append(' ').append(v));
        if (sorted.isEmpty()) sb.append("initial: ").append(Values.show(initial));
        return sb.append('}').toString();
    }

    @Override
    public String describe(Operation op) {
        StringBuilder sb = new StringBuilder("txn");
        for (MicroOp m : op.txn()) {
            sb.append(' ').append(m.isRead() ? "r" : "w").append(' ').append(Values.show(m.key())).append(' ');
            sb.append(m.isRead() && !op.isOk() ? "?" : Values.show(m.value()));
        }
        return sb.toString();
    }

    @Override
    public Collection<JsonNode> keys(Operation op) {
        Set<JsonNode> keys = new LinkedHashSet<>();
        for (MicroOp m : op.txn()) keys.add(m.key());
        return keys;
    }
}
