package dev.ariadne.history;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A logical operation: an invocation paired with its completion (Jepsen's semantics).
 *
 * @param id             dense id, 0-based, in order of invocation
 * @param process        dense process number (see {@link History#processName(int)})
 * @param f              the function
 * @param value          the operation's value: the completion's for {@code ok} (invocation
 *                       placeholders filled in), the invocation's otherwise
 * @param key            the optional key
 * @param outcome        {@link OpType#OK}, {@link OpType#FAIL} or {@link OpType#INFO}; an
 *                       invocation that never completed is {@code INFO}
 * @param invokePosition position of the invocation among the history's events
 * @param completePosition position of the completion, or -1 when there is none
 * @param invoke         the invocation event
 * @param completion     the completion event, or null
 */
public record Operation(int id, int process, String f, JsonNode value, JsonNode key, OpType outcome,
                        int invokePosition, int completePosition, Op invoke, Op completion) {

    /** Where this operation must have taken effect by, in history positions: infinity unless it is {@code ok} or {@code fail}. */
    public int returnPosition() {
        return outcome == OpType.INFO || completePosition < 0 ? Integer.MAX_VALUE : completePosition;
    }

    public boolean isOk() {
        return outcome == OpType.OK;
    }

    public boolean isFail() {
        return outcome == OpType.FAIL;
    }

    public boolean isInfo() {
        return outcome == OpType.INFO;
    }

    /** The event index users see: the invocation's {@code index}. */
    public long index() {
        return invoke.index();
    }

    /** The micro-ops of a {@code txn} (empty otherwise). */
    public List<MicroOp> txn() {
        return MicroOp.parseAll(value);
    }

    /** This operation with another value and outcome, for checkers that relax an operation. */
    public Operation with(JsonNode newValue, OpType newOutcome) {
        return new Operation(id, process, f, newValue, key, newOutcome, invokePosition, completePosition, invoke, completion);
    }

    @Override
    public String toString() {
        return "op " + index() + " p" + (invoke.process() == null ? "?" : Values.show(invoke.process())) + " " + f
                + (key == null ? "" : " " + Values.show(key)) + " " + Values.show(value) + " (" + outcome.jepsenName() + ")";
    }
}
