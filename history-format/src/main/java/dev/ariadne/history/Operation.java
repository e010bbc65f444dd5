package dev.ariadne.history;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;

/**
 * A logical operation: an invocation paired with its completion (Jepsen's semantics).
 *
 * <p>A history hands out operations as light views of its columns: the value, the key and the two
 * events are decoded when first asked for and kept by this object (see {@link History#operations()}
 * for when the history keeps the objects). Safe to share between threads: a field filled twice is
 * filled with equal values, and volatile fields publish them whole.
 */
public final class Operation {
    private final History history;
    private final int id;
    private final int process;
    private final String f;
    private final OpType outcome;
    private final int invokePosition;
    private final int completePosition;
    private static final JsonNode UNKNOWN = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    private volatile JsonNode value;
    private volatile JsonNode key = UNKNOWN;
    private volatile Op invoke;
    private volatile Op completion;

    /**
     * An operation given whole.
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
    public Operation(int id, int process, String f, JsonNode value, JsonNode key, OpType outcome,
                     int invokePosition, int completePosition, Op invoke, Op completion) {
        this.history = null;
        this.id = id;
        this.process = process;
        this.f = f;
        this.value = value;
        this.key = key;
        this.outcome = outcome;
        this.invokePosition = invokePosition;
        this.completePosition = completePosition;
        this.invoke = invoke;
        this.completion = completion;
    }

    /** A view of a history's operation; the rest is read from its columns when asked for. */
    Operation(History history, int id, int process, String f, OpType outcome, int invokePosition, int completePosition) {
        this.history = history;
        this.id = id;
        this.process = process;
        this.f = f;
        this.outcome = outcome;
        this.invokePosition = invokePosition;
        this.completePosition = completePosition;
    }

    public int id() {
        return id;
    }

    public int process() {
        return process;
    }

    public String f() {
        return f;
    }

    public OpType outcome() {
        return outcome;
    }

    public int invokePosition() {
        return invokePosition;
    }

    public int completePosition() {
        return completePosition;
    }

    /**
     * The operation's value: the completion's for {@code ok} (the invocation's when the completion's is
     * nil), the invocation's otherwise (the completion's when the invocation's is nil).
     */
    public JsonNode value() {
        JsonNode v = value;
        if (v == null) value = v = history.operationValue(invokePosition, completePosition, outcome);
        return v;
    }

    /** The key: the invocation's, or the completion's when the invocation names none; null if neither does. */
    public JsonNode key() {
        JsonNode k = key;
        if (k == UNKNOWN) key = k = history.operationKey(invokePosition, completePosition);
        return k;
    }

    /** The invocation event. */
    public Op invoke() {
        Op e = invoke;
        if (e == null) invoke = e = history.events().get(invokePosition);
        return e;
    }

    /** The completion event, or null. */
    public Op completion() {
        Op e = completion;
        if (e == null && completePosition >= 0 && history != null) completion = e = history.events().get(completePosition);
        return e;
    }

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
        return history != null ? history.events().index(invokePosition) : invoke.index();
    }

    /** The micro-ops of a {@code txn} (empty otherwise). */
    public List<MicroOp> txn() {
        return MicroOp.parseAll(value());
    }

    /** This operation with another value and outcome, for checkers that relax an operation. */
    public Operation with(JsonNode newValue, OpType newOutcome) {
        return new Operation(id, process, f, newValue, key(), newOutcome, invokePosition, completePosition, invoke(), completion());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Operation other)) return false;
        return id == other.id && process == other.process && invokePosition == other.invokePosition
                && completePosition == other.completePosition && outcome == other.outcome && Objects.equals(f, other.f)
                && Objects.equals(value(), other.value()) && Objects.equals(key(), other.key());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, process, f, outcome, invokePosition, completePosition);
    }

    @Override
    public String toString() {
        Op inv = invoke();
        return "op " + index() + " p" + (inv.process() == null ? "?" : Values.show(inv.process())) + " " + f
                + (key() == null ? "" : " " + Values.show(key())) + " " + Values.show(value()) + " (" + outcome.jepsenName() + ")";
    }
}
