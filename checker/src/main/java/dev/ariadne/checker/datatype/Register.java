package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A read/write register ({@code register}) and its compare-and-set variant ({@code cas-register}),
 * with Jepsen's operations: {@code read} (value: what it returned), {@code write v}, and
 * {@code cas [old new]}. A {@code fail} cas did not happen and never reaches this datatype.
 * Operations that carry a {@code key} act on one register per key, all starting at the initial value.
 */
public final class Register implements Datatype<JsonNode, Register.Input> {
    static final int READ = 0, WRITE = 1, CAS = 2;

    /** {@code a}: the value read or written, or cas's expected value; null for a read of unknown result. */
    public record Input(int kind, JsonNode a, JsonNode b) {}

    private final boolean cas;
    private final JsonNode initial;
    private final NilRead nilRead;

    public Register(boolean cas, DatatypeOptions options) {
        this.cas = cas;
        this.initial = options.initial() == null ? NullNode.getInstance() : options.initial();
        this.nilRead = options.nilRead();
    }

    @Override
    public String name() {
        return cas ? "cas-register" : "register";
    }

    @Override
    public JsonNode init() {
        return initial;
    }

    @Override
    public Input input(Operation op) {
        JsonNode v = op.value();
        switch (op.f() == null ? "" : op.f()) {
            case "read":
            case "r":
                if (!op.isOk() || (v.isNull() && nilRead == NilRead.UNKNOWN)) return new Input(READ, null, null);
                return new Input(READ, v, null);
            case "write":
            case "w":
                return new Input(WRITE, v, null);
            case "cas":
                if (!cas) throw new IllegalArgumentException("a register has no cas; check it as a cas-register");
                if (!v.isArray() || v.size() != 2) {
                    throw new IllegalArgumentException("cas takes [old new], not " + Values.show(v));
                }
                return new Input(CAS, v.get(0), v.get(1));
            default:
                throw new IllegalArgumentException(name() + " has no operation " + op.f() + " (it has read, write" + (cas ? ", cas)" : ")"));
        }
    }

    @Override
    public JsonNode step(JsonNode state, Input in) {
        switch (in.kind) {
            case READ:
                return in.a == null || in.a.equals(state) ? state : null;
            case WRITE:
                return in.a;
            default:
                return in.a.equals(state) ? in.b : null;
        }
    }

    /** Another process's cas is, to this process, the write of its new value. */
    @Override
    public Input remote(Input in) {
        if (in.kind == READ) return null;
        return in.kind == CAS ? new Input(WRITE, in.b, null) : in;
    }

    @Override
    public boolean exact(Input in) {
        return (in.kind == READ && in.a != null) || in.kind == CAS;
    }

    @Override
    public boolean blindWrite(Input in) {
        return in.kind == WRITE;
    }

    @Override
    public boolean readOnly(Input in) {
        return in.kind == READ;
    }

    @Override
    public boolean isNoOp(Input in) {
        return in.kind == READ && in.a == null;
    }

    @Override
    public String whyIllegal(JsonNode state, Input in) {
        if (in.kind == READ) return "can't read " + Values.show(in.a) + " from a register holding " + Values.show(state);
        if (in.kind == CAS) return "can't cas " + Values.show(in.a) + "→" + Values.show(in.b) + " on a register holding " + Values.show(state);
        return "a write always takes effect";
    }

    @Override
    public String describeState(JsonNode state) {
        return Values.show(state);
    }

    @Override
    public String describe(Operation op) {
        return describeRegisterOp(op);
    }

    static String describeRegisterOp(Operation op) {
        String f = op.f();
        JsonNode v = op.value();
        if ("cas".equals(f) && v.isArray() && v.size() == 2) {
            return "cas " + Values.show(v.get(0)) + "→" + Values.show(v.get(1));
        }
        if ("read".equals(f) || "r".equals(f)) {
            return op.isOk() ? "read → " + Values.show(v) : "read → ?";
        }
        return f + " " + Values.show(v);
    }

    /**
     * An optional write or cas whose new value no operation observes (no read returns it, no cas
     * expects it) may be left out: if it took effect, nothing could tell until the value was
     * overwritten, so leaving it out keeps every linearization valid.
     */
    @Override
    public void pruneOptional(List<Input> inputs, boolean[] required, boolean[] drop) {
        Set<JsonNode> observed = new HashSet<>();
        for (Input in : inputs) {
            if (in.kind == READ && in.a != null) observed.add(in.a);
            if (in.kind == CAS) observed.add(in.a);
        }
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            if (required[i]) continue;
            if (in.kind == READ) drop[i] = true;
            else if (!observed.contains(in.kind == WRITE ? in.a : in.b)) drop[i] = true;
        }
    }
}
