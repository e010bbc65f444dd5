package dev.ariadne.checker.model;

import dev.ariadne.checker.datatype.BuiltinDatatype;
import dev.ariadne.checker.datatype.Capability;
import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.Keyed;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;

/**
 * What one check runs on: the history, the model asked for, the datatype resolved (a shipped one,
 * or the caller's own, whose sequential specification is {@code spec}) and the request.
 *
 * @param builtin    the shipped datatype, or null for the caller's own
 * @param spec       the sequential specification; null for a transactional datatype
 * @param startNanos when the check began, so that later stages get what is left of the time limit
 */
record Target(History history, ConsistencyModel model, BuiltinDatatype builtin, Datatype<?, ?> spec, String datatypeName, CheckRequest request,
              long startNanos) {

    boolean has(Capability c) {
        return builtin != null && builtin.has(c);
    }

    /** What is left of the time limit (0 when there is none). */
    long millisLeft() {
        return request.timeoutMillis() <= 0 ? 0 : Math.max(1, request.timeoutMillis() - (System.nanoTime() - startNanos) / 1_000_000);
    }

    /**
     * The datatype over all keys at once, for checks that cannot split a history by key: one object
     * per key, unless the datatype's state spans keys already (multi-register).
     */
    Datatype<?, ?> keyedSpec() {
        if (has(Capability.SPANS_KEYS)) return spec;
        for (Operation o : history.operations()) {
            if (o.key() != null) return new Keyed<>(spec);
        }
        return spec;
    }
}
