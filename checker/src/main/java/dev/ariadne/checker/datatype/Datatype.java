package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.Operation;

import java.util.Collection;
import java.util.List;

/**
 * A sequential specification: what one object does when operations are applied to it one at a
 * time. This is the interface of Porcupine's models and Knossos's {@code Model} (init, step, equal,
 * describe), with two additions: a step may allow several next states (nondeterminism), and an
 * operation's outcome may be unknown.
 *
 * <p>Every check first turns each {@link Operation} into the datatype's own input with
 * {@link #input(Operation)}, once, so that {@link #step} runs allocation-light in the search.
 * States must be immutable values with {@code equals} and {@code hashCode}: the search caches them.
 *
 * @param <S> the state
 * @param <I> the datatype's reading of one operation
 */
public interface Datatype<S, I> {

    /** The name used on the command line and in reports, e.g. {@code cas-register}. */
    String name();

    /** The initial state. */
    S init();

    /**
     * Reads an operation. An {@code ok} operation's value holds its result; for an {@code info}
     * operation (outcome unknown) the datatype must treat a missing result as "anything".
     *
     * @throws IllegalArgumentException naming what this datatype cannot read in the operation
     */
    I input(Operation op);

    /** The next state after the input, or null when it cannot take effect in this state. */
    S step(S state, I input);

    /**
     * All next states, for datatypes where an operation of unknown result may lead to several.
     * The default is {@link #step}'s single state.
     */
    default void steps(S state, I input, List<S> out) {
        S next = step(state, input);
        if (next != null) out.add(next);
    }

    /** Whether {@link #steps} ever gives more than one state; the search takes a faster path when not. */
    default boolean deterministic() {
        return true;
    }

    /** One sentence on why the input cannot take effect in the state (after {@link #step} returned null). */
    String whyIllegal(S state, I input);

    /** The state as a person reads it, e.g. {@code 4} or {@code {x 1, y 2}}. */
    String describeState(S state);

    /** The operation as a person reads it, e.g. {@code write 3}, {@code cas 3→0}, {@code read → 4}. */
    String describe(Operation op);

    /**
     * The keys an operation touches, for P-compositional checking (Horn and Kroening): operations on
     * disjoint keys are checked apart. Operations that touch no key are one partition.
     */
    default Collection<JsonNode> keys(Operation op) {
        return op.key() == null ? List.of() : List.of(op.key());
    }

    /**
     * Whether the input never changes the state: in every state it is either illegal or leaves the
     * state as it is (a read). Searches may then place it as soon as it is legal.
     */
    default boolean readOnly(I input) {
        return isNoOp(input);
    }

    /**
     * The operation as another process's view sees it, for models where each process has a view of
     * its own (PRAM): only its effect matters there, not what it returned. Null when it has no effect
     * to see (a read). The default keeps state-changing operations as they are.
     */
    default I remote(I input) {
        return readOnly(input) ? null : input;
    }

    /**
     * Whether the input is a blind write: always legal, and its next state does not depend on the
     * state it is applied to (a register's write, a map's put). Searches may then place it early
     * when no other operation can tell.
     */
    default boolean blindWrite(I input) {
        return false;
    }

    /**
     * Whether the input is legal in at most one value of what it touches, and then leaves a state that
     * does not depend on anything else (a read of a known value, a cas). Together with
     * {@link #blindWrite} this lets a search tell when a write is invisible to everything left.
     */
    default boolean exact(I input) {
        return false;
    }

    /** Whether the input can take effect in any state and leaves it unchanged (a read of unknown result). */
    default boolean isNoOp(I input) {
        return false;
    }

    /**
     * Marks operations that the search may leave out without changing the verdict: optional
     * (indeterminate) operations whose effect no other operation can observe, such as a crashed
     * write of a value that nobody reads. Must be sound: a history is linearizable if and only if
     * it is with the marked optional operations removed.
     *
     * @param inputs   the partition's inputs
     * @param required whether each operation must take effect ({@code ok}); the others are optional
     * @param drop     set true for each optional operation to leave out
     */
    default void pruneOptional(List<I> inputs, boolean[] required, boolean[] drop) {
    }

    /**
     * A reduction of the states of a search over these operations (see {@link StateReduction}), or
     * null when the datatype has none (the default).
     *
     * @param inputs   the search's inputs
     * @param required whether each must take effect
     * @param call     each one's invocation position
     * @param ret      each required one's completion position
     */
    default StateReduction<S> reduction(List<I> inputs, boolean[] required, int[] call, int[] ret) {
        return null;
    }

    /**
     * What a user of this datatype asks of a history besides the verdict (a sequence's gaps), as
     * sentences the report adds to its notes. None by default.
     */
    default List<String> facts(List<Operation> operations) {
        return List.of();
    }
}
