package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

/**
 * A consensus object ({@code consensus}): {@code propose v} returns the value decided. As a
 * write-once register: the first proposal to take effect decides its own value, and every proposal
 * returns that decision. Linearizable consensus thus means agreement (one decision), validity (the
 * decision was proposed, by a proposal invoked before it returned) and real time. The proposal is
 * the invocation's value, the decision the completion's.
 */
public final class Consensus implements Datatype<JsonNode, Consensus.Input> {
    /** The proposal and the decision returned (null when unknown). */
    public record Input(JsonNode proposed, JsonNode decided) {}

    /** Before any decision. */
    private static final JsonNode UNDECIDED = Values.of("\u0000undecided");

    @Override
    public String name() {
        return "consensus";
    }

    @Override
    public JsonNode init() {
        return UNDECIDED;
    }

    @Override
    public Input input(Operation op) {
        if (!"propose".equals(op.f())) throw new IllegalArgumentException("consensus has no operation " + op.f() + " (it has propose)");
        JsonNode proposed = op.invoke().value();
        JsonNode decided = op.isOk() ? op.value() : null;
        if (decided != null && decided.isNull()) decided = null;
        if (proposed.isNull()) throw new IllegalArgumentException("a propose names the value proposed");
        return new Input(proposed, decided);
    }

    @Override
    public JsonNode step(JsonNode state, Input in) {
        if (state == UNDECIDED) return in.decided == null || in.decided.equals(in.proposed) ? in.proposed : null;
        return in.decided == null || in.decided.equals(state) ? state : null;
    }

    @Override
    public String whyIllegal(JsonNode state, Input in) {
        if (state == UNDECIDED) return "it returned " + Values.show(in.decided) + " with nothing decided yet (validity: the first proposal to take effect, here "
                + Values.show(in.proposed) + ", decides its own value)";
        return "it returned " + Values.show(in.decided) + " where " + Values.show(state) + " was decided (agreement: every proposal returns the one decision)";
    }

    @Override
    public String describeState(JsonNode state) {
        return state == UNDECIDED ? "undecided" : "decided " + Values.show(state);
    }

    @Override
    public String describe(Operation op) {
        String d = op.isOk() && !op.value().isNull() ? Values.show(op.value()) : "?";
        return "propose " + Values.show(op.invoke().value()) + " → " + d;
    }

    @Override
    public boolean readOnly(Input in) {
        return false;
    }
}
