package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

/** A unique-id generator ({@code unique-ids}): every id that {@code generate} returns differs from all before it. */
public final class UniqueIds implements Datatype<ValueSet, JsonNode> {

    @Override
    public String name() {
        return "unique-ids";
    }

    @Override
    public ValueSet init() {
        return ValueSet.EMPTY;
    }

    /** The id returned, or null when unknown. */
    @Override
    public JsonNode input(Operation op) {
        if (!"generate".equals(op.f())) throw new IllegalArgumentException("unique-ids has no operation " + op.f() + " (it has generate)");
        return op.isOk() && !op.value().isNull() ? op.value() : null;
    }

    @Override
    public ValueSet step(ValueSet state, JsonNode id) {
        if (id == null) return state;
        return state.contains(id) ? null : state.plus(id);
    }

    @Override
    public boolean isNoOp(JsonNode id) {
        return id == null;
    }

    @Override
    public String whyIllegal(ValueSet state, JsonNode id) {
        return "id " + Values.show(id) + " was generated before";
    }

    @Override
    public String describeState(ValueSet state) {
        return "generated " + state;
    }

    @Override
    public String describe(Operation op) {
        return "generate → " + (op.isOk() ? Values.show(op.value()) : "?");
    }
}
