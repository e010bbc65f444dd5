package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

/**
 * A grow-only set ({@code set}): {@code add x}, and {@code read}, which returns the whole set as a list.
 */
public final class SetType implements Datatype<ValueSet, SetType.Input> {
    /** A read has {@code read} set (null when its result is unknown); an add has {@code element}. */
    public record Input(boolean isRead, JsonNode element, ValueSet read) {}

    @Override
    public String name() {
        return "set";
    }

    @Override
    public ValueSet init() {
        return ValueSet.EMPTY;
    }

    @Override
    public Input input(Operation op) {
        return switch (op.f() == null ? "" : op.f()) {
            case "add" -> new Input(false, op.value(), null);
            case "read" -> {
                if (!op.isOk()) yield new Input(true, null, null);
                if (!op.value().isArray()) throw new IllegalArgumentException("a set read returns a list, not " + Values.show(op.value()));
                ValueSet s = ValueSet.of(op.value());
                if (!s.distinct()) throw new IllegalArgumentException("a set read returned an element twice: " + Values.show(op.value()));
                yield new Input(true, null, s);
            }
            default -> throw new IllegalArgumentException("set has no operation " + op.f() + " (it has add, read)");
        };
    }

    @Override
    public ValueSet step(ValueSet state, Input in) {
        if (in.isRead) return in.read == null || in.read.equals(state) ? state : null;
        return state.contains(in.element) ? state : state.plus(in.element);
    }

    @Override
    public boolean readOnly(Input in) {
        return in.isRead;
    }

    @Override
    public boolean isNoOp(Input in) {
        return in.isRead && in.read == null;
    }

    @Override
    public String whyIllegal(ValueSet state, Input in) {
        return "can't read " + in.read + " from a set holding " + state;
    }

    @Override
    public String describeState(ValueSet state) {
        return state.toString();
    }

    @Override
    public String describe(Operation op) {
        return "read".equals(op.f()) ? "read → " + (op.isOk() ? Values.show(op.value()) : "?") : "add " + Values.show(op.value());
    }
}
