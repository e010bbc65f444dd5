package dev.ariadne.generators;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.SplittableRandom;

/**
 * A correct, sequential object that a {@link Simulation} runs operations against, so that the
 * history it records is valid by construction. Knows nothing of checkers.
 */
public interface SimObject {
    /** A planned operation: its function, key (or null) and invocation value. */
    record Call(String f, JsonNode key, JsonNode value) {}

    /** The result of applying a call: ok with a completion value, or fail (it did not happen). */
    record Result(boolean ok, JsonNode value) {}

    /** The datatype name the checker knows this object by. */
    String datatype();

    /** A random next call. */
    Call next(SplittableRandom rnd);

    /** Applies a call atomically and says what it returned. */
    Result apply(Call call);

    /** Applies a call made by {@code process}; objects that misbehave per session ({@link Faulty}) use the process. */
    default Result apply(Call call, long process) {
        return apply(call);
    }

    /**
     * Calls to make once every other operation has completed, one after another by a fresh process,
     * applied with process -1 (Jepsen's final reads: a log's consumer reading every key to the end).
     * None by default.
     */
    default java.util.List<Call> finalCalls() {
        return java.util.List.of();
    }
}
